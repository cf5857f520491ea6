import SolpackModel
import SolpackTestSupport
import Testing

@testable import SolpackEnvironment

/// `Array.sort(byLowercased:)` moves records into place by following the permutation's
/// cycles; it must give what one stable sort of (name, record) pairs gives.
@Suite struct SortByLowercasedTests {
  @Test(arguments: [0, 1, 2, 7, 64, 1_000])
  func matchesAStableSortOfPairs(count: Int) {
    var random = SplitMix64(seed: UInt64(count) &+ 11)
    // Few names, in several cases, with combining marks: many ties, all of them kept in
    // their first order.
    let names = [
      "alpha", "Alpha", "ALPHA", "beta", "e\u{301}", "\u{E9}", "Zed", "zed", "a_b", "a-b",
    ]
    let records = (0..<count).map { index in
      (name: names[Int(random.next() % UInt64(names.count))], index: index)
    }
    let expected = records.map { ($0.name.lowercasedName, $0) }
      .sorted { $0.0 < $1.0 }.map(\.1.index)
    var sorted = records
    sorted.sort(byLowercased: \.name)
    #expect(sorted.map(\.index) == expected)
    #expect(Set(sorted.map(\.index)).count == count)
  }
}
