import Foundation
import Testing

@testable import SolpackEnvironment

@Suite struct BackgroundTaskTests {
  private struct Broken: Error, Equatable {}

  /// Counts runs from any thread.
  private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [Int: Int] = [:]
    func add(_ key: Int) {
      lock.lock()
      counts[key, default: 0] += 1
      lock.unlock()
    }
    var all: [Int: Int] {
      lock.lock()
      defer { lock.unlock() }
      return counts
    }
  }

  @Test func eachTaskRunsOnceWhoeverRunsIt() throws {
    let counter = Counter()
    let tasks = (0..<500).map { index in
      BackgroundTask { () -> Int in
        counter.add(index)
        return index * 2
      }
    }
    // Asked at once, most before a thread has taken them; some already taken.
    for (index, task) in tasks.enumerated() { #expect(task.result() == index * 2) }
    #expect(counter.all == Dictionary(uniqueKeysWithValues: (0..<500).map { ($0, 1) }))
  }

  @Test func errorsReachTheCaller() {
    let task = BackgroundTask { () throws -> Int in throw Broken() }
    #expect(throws: Broken.self) { try task.value() }
    task.wait()
  }

  /// With every worker thread busy until this task is done, asking for its value must
  /// not wait for a worker: the caller runs it.
  @Test func theCallerRunsWorkNoThreadHasTaken() {
    let release = DispatchSemaphore(value: 0)
    let blockers = ProcessInfo.processInfo.activeProcessorCount * 4
    for _ in 0..<blockers { DispatchQueue.global().async { release.wait() } }
    defer { for _ in 0..<blockers { release.signal() } }
    let task = BackgroundTask { 42 }
    let done = DispatchSemaphore(value: 0)
    let caller = Thread {
      #expect(task.result() == 42)
      done.signal()
    }
    caller.start()
    #expect(done.wait(timeout: .now() + 3) == .success)
  }
}
