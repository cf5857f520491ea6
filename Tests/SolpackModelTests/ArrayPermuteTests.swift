import SolpackModel
import Testing

/// `Array.permute(by:)` swaps elements along the permutation's cycles; it must give what
/// building a new array in that order gives.
@Suite struct ArrayPermuteTests {
  @Test(arguments: [0, 1, 2, 3, 10, 257])
  func permutingInPlaceMatchesMappingTheOrder(count: Int) {
    var random = Shuffle(state: UInt64(count) &+ 3)
    let original = (0..<count).map { "element \($0)" }
    // Random orders, the identity and the reversal: long cycles, fixed points, 2-cycles.
    let orders =
      (0..<5).map { _ in Array(0..<count).shuffled(using: &random) }
      + [Array(0..<count), Array((0..<count).reversed())]
    for order in orders {
      var permuted = original
      permuted.permute(by: order)
      #expect(permuted == order.map { original[$0] }, "order \(order)")
    }
  }

  /// A seeded generator (a 64-bit LCG), so a failing order can be replayed.
  private struct Shuffle: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state
    }
  }
}
