import Foundation

/// Work started on another thread now, whose result the caller collects later: lets a
/// commit use the second core for work the SQLite writer would otherwise wait on.
final class BackgroundTask<T>: @unchecked Sendable {
  private let group = DispatchGroup()
  // Written once by the work before `leave`, read only after `wait`.
  private var outcome: Result<T, any Error>?

  init(_ work: @escaping @Sendable () throws -> T) {
    group.enter()
    DispatchQueue.global().async {
      self.outcome = Result { try work() }
      self.group.leave()
    }
  }

  /// Waits for the work to end, whatever its result.
  func wait() { group.wait() }

  /// Waits for the work and returns its value or rethrows its error.
  func value() throws -> T {
    group.wait()
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
