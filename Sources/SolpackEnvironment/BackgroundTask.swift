import Foundation

/// Work started on another thread now, whose result the caller collects later: lets a
/// commit use the second core for work the SQLite writer would otherwise wait on.
final class BackgroundTask<T>: @unchecked Sendable {
  private let group = DispatchGroup()
  // Written once by the work before `leave`, read only after `wait`.
  private var result: Result<T, any Error>?

  init(_ work: @escaping @Sendable () throws -> T) {
    group.enter()
    DispatchQueue.global().async {
      self.result = Result { try work() }
      self.group.leave()
    }
  }

  /// Waits for the work to end, whatever its result.
  func wait() { group.wait() }

  /// Waits for the work and returns its value or rethrows its error.
  func value() throws -> T {
    group.wait()
    return try result!.get()
  }
}
