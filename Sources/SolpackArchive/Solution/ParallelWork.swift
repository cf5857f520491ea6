import Foundation

/// Runs `body` for indices 0..<count on up to `concurrency` threads and returns the
/// results in index order; the first error in index order is rethrown. Used wherever
/// independent work can use both cores: deflating, inflating, parsing.
public enum ParallelWork {
  public static func map<T>(
    count: Int, concurrency: Int, _ body: @escaping @Sendable (Int) throws -> T
  ) throws -> [T] {
    let workers = max(1, min(concurrency, count))
    if workers == 1 { return try (0..<count).map(body) }
    let slots = ResultSlots<T>(count: count)
    let counter = Counter()
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while let index = counter.next(below: count) {
        slots.store(Result { try body(index) }, at: index)
      }
    }
    return try slots.values()
  }

  /// Hands out each index once; workers pull until none are left.
  private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next(below limit: Int) -> Int? {
      lock.lock()
      defer { lock.unlock() }
      guard value < limit else { return nil }
      value += 1
      return value - 1
    }
  }

  /// One slot per index; each slot is written by exactly one worker, and read only after
  /// `concurrentPerform` returned, so no lock is needed.
  private final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Result<T, any Error>?>

    init(count: Int) {
      slots = .allocate(capacity: count)
      slots.initialize(repeating: nil)
    }

    deinit {
      slots.deinitialize()
      slots.deallocate()
    }

    func store(_ result: Result<T, any Error>, at index: Int) { slots[index] = result }

    func values() throws -> [T] {
      try slots.map { try $0!.get() }
    }
  }
}
