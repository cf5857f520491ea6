import Foundation

/// Counts entries and bytes done by parallel workers and tells a `ProgressHandler`; a lock,
/// since workers finish on any thread. Does nothing without a handler.
public final class ProgressCounter: @unchecked Sendable {
  private let lock = NSLock()
  private let handler: ProgressHandler?
  private var progress: WorkProgress

  public init(entries: Int, bytes: UInt64, handler: ProgressHandler?) {
    self.handler = handler
    progress = WorkProgress(entriesDone: 0, entriesTotal: entries, bytesDone: 0, bytesTotal: bytes)
  }

  /// False without a handler: nothing to count for.
  public var isCounting: Bool { handler != nil }

  /// More work than the totals said, found as it comes (one archive after another).
  public func grow(entries: Int, bytes: UInt64) {
    lock.lock()
    progress.entriesTotal += entries
    progress.bytesTotal += bytes
    lock.unlock()
  }

  public func add(_ bytes: UInt64) {
    guard let handler else { return }
    // The handler is called under the lock: called after it, two threads' reports
    // could arrive out of order (3 of 13 before 2 of 13).
    lock.lock()
    defer { lock.unlock() }
    progress.entriesDone += 1
    progress.bytesDone += bytes
    handler(progress)
  }
}
