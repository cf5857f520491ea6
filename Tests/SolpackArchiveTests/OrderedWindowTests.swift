import Foundation
import Testing

@testable import SolpackArchive

/// The window pack deflates through: consumed in order, never more than the budget in
/// flight, and the first failure in index order is the one rethrown.
@Suite struct OrderedWindowTests {
  /// Counts produced-but-unconsumed weight as the workers see it.
  private final class Meter: @unchecked Sendable {
    private let lock = NSLock()
    private var current: UInt64 = 0
    private(set) var peak: UInt64 = 0
    func add(_ weight: UInt64) {
      lock.lock()
      current += weight
      peak = max(peak, current)
      lock.unlock()
    }
    func remove(_ weight: UInt64) {
      lock.lock()
      current -= weight
      lock.unlock()
    }
  }

  @Test func consumesInOrderWithinTheBudget() throws {
    let weights: [UInt64] = (0..<300).map { UInt64(1 + ($0 * 37) % 10) }
    let meter = Meter()
    var seen: [Int] = []
    try OrderedWindow.run(
      count: weights.count, concurrency: 3, budget: 20, weight: { weights[$0] },
      produce: { index in
        meter.add(weights[index])
        if index % 7 == 0 { usleep(200) }
        return index * 2
      },
      consume: { index, value in
        #expect(value == index * 2)
        seen.append(index)
        meter.remove(weights[index])
      })
    #expect(seen == Array(0..<300))
    #expect(meter.peak <= 20)
    #expect(meter.peak > 0)
  }

  @Test func anItemHeavierThanTheBudgetRunsAlone() throws {
    var seen: [Int] = []
    try OrderedWindow.run(
      count: 4, concurrency: 2, budget: 10, weight: { $0 == 2 ? 100 : 1 },
      produce: { $0 }, consume: { index, _ in seen.append(index) })
    #expect(seen == [0, 1, 2, 3])
  }

  struct Failure: Error, Equatable { var index: Int }

  @Test func theFirstFailureInOrderIsRethrown() {
    var consumed: [Int] = []
    #expect(throws: Failure(index: 5)) {
      try OrderedWindow.run(
        count: 100, concurrency: 2, budget: 4, weight: { _ in 1 },
        produce: { index in
          if index == 5 || index == 9 { throw Failure(index: index) }
          return index
        },
        consume: { index, _ in consumed.append(index) })
    }
    #expect(consumed == [0, 1, 2, 3, 4])
    // The consumer failing stops the workers too.
    #expect(throws: Failure(index: 3)) {
      try OrderedWindow.run(
        count: 1000, concurrency: 2, budget: 8, weight: { _ in 1 }, produce: { $0 },
        consume: { index, _ in if index == 3 { throw Failure(index: 3) } })
    }
  }
}
