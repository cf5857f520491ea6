import Foundation

/// Work started on another thread now, whose result the caller collects later: lets a
/// commit use the second core for work the SQLite writer would otherwise wait on.
/// Whoever needs the work first does it: a caller that asks for the value before any
/// thread has started the work runs it itself instead of waiting behind other queued
/// work (a commit's nine tables and the run's JSON, all queued at once, kept the
/// writer waiting for its next table about 100 ms at 10,000 components).
final class BackgroundTask<T>: @unchecked Sendable {
  private let group = DispatchGroup()
  private let lock = NSLock()
  // Guarded by `lock`; taken (set to nil) by whichever thread runs it.
  private var work: (@Sendable () throws -> T)?
  // Written once by the thread that ran the work before `leave`, read only after `wait`.
  private var outcome: Result<T, any Error>?

  init(_ work: @escaping @Sendable () throws -> T) {
    self.work = work
    group.enter()
    DispatchQueue.global().async { self.runIfWaiting() }
  }

  /// Runs the work here unless a thread has already taken it.
  private func runIfWaiting() {
    lock.lock()
    let work = self.work
    self.work = nil
    lock.unlock()
    guard let work else { return }
    outcome = Result { try work() }
    group.leave()
  }

  /// Waits for the work to end, whatever its result.
  func wait() {
    runIfWaiting()
    group.wait()
  }

  /// Waits for the work and returns its value or rethrows its error.
  func value() throws -> T {
    wait()
    return try outcome!.get()
  }
}

extension BackgroundTask {
  /// Starts work that cannot fail.
  convenience init(_ work: @escaping @Sendable () -> T) {
    self.init({ () throws -> T in work() })
  }

  /// The value of work that cannot fail.
  func result() -> T {
    do { return try value() } catch { preconditionFailure("work that cannot fail threw \(error)") }
  }
}
