import Foundation

/// Produces items on worker threads and consumes them strictly in index order on the
/// calling thread, with at most `budget` bytes of items produced but not yet consumed.
/// Pack deflates this way: unlike batches, no core idles at a batch's end waiting for
/// its largest entry, and memory is bounded by the window instead of a batch.
enum OrderedWindow {
  /// `weight(i)` is what item `i` holds in memory until consumed; an item heavier than
  /// the whole budget still runs, alone. The first error in index order is rethrown,
  /// after the workers have stopped.
  static func run<T>(
    count: Int, concurrency: Int, budget: UInt64, weight: (Int) -> UInt64,
    produce: @escaping @Sendable (Int) throws -> T, consume: (Int, T) throws -> Void
  ) throws {
    let weights = (0..<count).map(weight)
    let workers = max(1, min(concurrency, count))
    if workers == 1 {
      for index in 0..<count { try consume(index, try produce(index)) }
      return
    }
    let state = State<T>(count: count, weights: weights, budget: budget)
    let group = DispatchGroup()
    for _ in 0..<workers {
      DispatchQueue.global().async(group: group) {
        while let index = state.claim() {
          state.finish(index, Result { try produce(index) })
        }
      }
    }
    defer {
      state.stop()
      group.wait()
    }
    for index in 0..<count {
      let result = state.await(index)
      try consume(index, try result.get())
      state.release(index)
    }
  }

  /// The window's bookkeeping, under one condition lock.
  private final class State<T>: @unchecked Sendable {
    private let condition = NSCondition()
    private let weights: [UInt64]
    private let budget: UInt64
    private var slots: [Result<T, any Error>?]
    private var next = 0
    private var inFlight: UInt64 = 0
    private var stopped = false

    init(count: Int, weights: [UInt64], budget: UInt64) {
      self.weights = weights
      self.budget = budget
      slots = Array(repeating: nil, count: count)
    }

    /// The next index to produce, once the window has room; nil when done or stopped.
    func claim() -> Int? {
      condition.lock()
      defer { condition.unlock() }
      while !stopped, next < slots.count, inFlight > 0, inFlight + weights[next] > budget {
        condition.wait()
      }
      guard !stopped, next < slots.count else { return nil }
      inFlight += weights[next]
      next += 1
      return next - 1
    }

    func finish(_ index: Int, _ result: Result<T, any Error>) {
      condition.lock()
      slots[index] = result
      if case .failure = result { stopped = true }
      condition.broadcast()
      condition.unlock()
    }

    /// Waits for item `index`. Items are claimed in order, so every item up to the
    /// first failure is claimed and finishes; the caller stops at that failure.
    func await(_ index: Int) -> Result<T, any Error> {
      condition.lock()
      defer { condition.unlock() }
      while slots[index] == nil { condition.wait() }
      return slots[index]!
    }

    func release(_ index: Int) {
      condition.lock()
      slots[index] = nil
      inFlight -= weights[index]
      condition.broadcast()
      condition.unlock()
    }

    func stop() {
      condition.lock()
      stopped = true
      condition.broadcast()
      condition.unlock()
    }
  }
}
