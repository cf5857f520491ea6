import Foundation
import SolpackModel
import Testing

/// Workers on many threads: the handler still hears 1, 2, 3, … in order.
@Suite struct ProgressCounterTests {
  private final class Heard: @unchecked Sendable {
    private let lock = NSLock()
    private var done: [Int] = []
    func add(_ progress: WorkProgress) {
      lock.lock()
      done.append(progress.entriesDone)
      lock.unlock()
    }
    var all: [Int] {
      lock.lock()
      defer { lock.unlock() }
      return done
    }
  }

  @Test func reportsArriveInOrderFromManyThreads() {
    let heard = Heard()
    let count = 20_000
    let counter = ProgressCounter(entries: count, bytes: UInt64(count)) { heard.add($0) }
    DispatchQueue.concurrentPerform(iterations: 8) { worker in
      for _ in 0..<count / 8 { counter.add(1) }
    }
    #expect(heard.all == Array(1...count))
  }
}
