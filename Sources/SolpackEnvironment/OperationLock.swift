import Foundation
import SolpackModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One solution operation at a time per environment, across processes: an exclusive
/// `flock` on `<environment>.lock`.
///
/// Why a sibling file and not SQLite's own lock (`BEGIN IMMEDIATE`): the operation
/// must be held from load to commit while the engine uses the store's ordinary reads
/// and writes, and a refused import must not create the environment file; the lock
/// file can also say who holds it, for the message a waiting process prints. The
/// kernel drops an `flock` when its process dies (SIGKILL included), so a crash never
/// leaves the environment locked; the holder removes the file when it is done, and a
/// file left by a crash is simply locked again by the next operation.
public struct OperationLock: Sendable {
  /// Who holds the lock, as the holder wrote it into the lock file.
  public struct Holder: Sendable, Codable, Equatable {
    public var operation: String
    public var pid: Int32
    public var since: Date

    /// `import by pid 4242 since 2026-11-27T07:45:12Z`.
    public var description: String {
      "\(operation) by pid \(pid) since \(ISO8601DateFormatter().string(from: since))"
    }
  }

  /// How long to wait for another operation, and what to tell the user once it has
  /// to wait (the CLI prints; the engine never does).
  public struct Waiting: Sendable {
    public var timeout: TimeInterval
    public var onWait: @Sendable (Holder?) -> Void

    public init(
      timeout: TimeInterval = 60, onWait: @escaping @Sendable (Holder?) -> Void = { _ in }
    ) {
      self.timeout = timeout
      self.onWait = onWait
    }
  }

  /// The lock file of the environment at `environment`.
  public static func lockPath(for environment: String) -> String { environment + ".lock" }

  public let path: String
  /// For messages: the environment's location.
  public let location: String

  public init(environment: String) {
    path = Self.lockPath(for: environment)
    location = environment
  }

  /// Takes the lock, waiting up to `waiting.timeout` seconds; `environment-busy` after.
  /// The returned value must be released.
  public func acquire(_ operation: String, waiting: Waiting) throws -> Held {
    let start = Date()
    var announced = false
    var holder: Holder?
    while true {
      let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
      guard descriptor >= 0 else { throw failure(String(cString: strerror(errno))) }
      if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
        // The previous holder removes the file when done: a lock taken on a file
        // that is no longer at `path` protects nothing, so try again.
        if isStillAtPath(descriptor) {
          let held = Held(descriptor: descriptor, path: path)
          held.record(Holder(operation: operation, pid: getpid(), since: Date()))
          return held
        }
        close(descriptor)
        continue
      }
      let code = errno
      if code != EWOULDBLOCK && code != EINTR {
        close(descriptor)
        throw failure(String(cString: strerror(code)))
      }
      holder = Self.readHolder(descriptor) ?? holder
      close(descriptor)
      let waited = Date().timeIntervalSince(start)
      if waited >= waiting.timeout { throw busy(holder, timeout: waiting.timeout) }
      // Once, as soon as the holder is known (it writes itself in just after locking).
      if !announced && (holder != nil || waited >= 0.5) {
        announced = true
        waiting.onWait(holder)
      }
      let pause = min(0.05, max(0.001, waiting.timeout - waited))
      usleep(useconds_t(pause * 1_000_000))
    }
  }

  /// A held lock; `release()` removes the lock file and drops the lock.
  public final class Held: @unchecked Sendable {
    private var descriptor: Int32
    private let path: String

    init(descriptor: Int32, path: String) {
      self.descriptor = descriptor
      self.path = path
    }

    deinit { release() }

    fileprivate func record(_ holder: Holder) {
      guard let data = try? OperationLock.encoder.encode(holder) else { return }
      _ = ftruncate(descriptor, 0)
      _ = data.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    /// Unlinks before unlocking, so a waiter that locks the old file sees it is gone.
    public func release() {
      guard descriptor >= 0 else { return }
      unlink(path)
      close(descriptor)
      descriptor = -1
    }
  }

  private func isStillAtPath(_ descriptor: Int32) -> Bool {
    var opened = stat()
    var named = stat()
    guard fstat(descriptor, &opened) == 0, stat(path, &named) == 0 else { return false }
    return opened.st_dev == named.st_dev && opened.st_ino == named.st_ino
  }

  /// The holder written in the lock file, or nil while it is still being written.
  static func readHolder(_ descriptor: Int32) -> Holder? {
    var buffer = [UInt8](repeating: 0, count: 1024)
    let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
    guard count > 0 else { return nil }
    return try? decoder.decode(Holder.self, from: Data(buffer[..<count]))
  }

  private func busy(_ holder: Holder?, timeout: TimeInterval) -> DiagnosticError {
    let who = holder.map { " (\($0.description))" } ?? ""
    return DiagnosticError(
      .error(
        "environment-busy",
        "another solpack operation on \(location)\(who) did not finish within \(Self.seconds(timeout))",
        hint:
          "Run again when it has finished, or wait longer with --wait SECONDS (or SOLPACK_WAIT). A process that dies releases the lock by itself; there is nothing to delete."
      ))
  }

  private func failure(_ reason: String) -> DiagnosticError {
    DiagnosticError(
      .error(
        "environment-lock-failed", "could not lock \(location) through \(path): \(reason)",
        hint: "Check that the environment's folder exists and that you may write to it."))
  }

  static func seconds(_ value: TimeInterval) -> String {
    value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
  }

  static let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    return encoder
  }()

  static let decoder: JSONDecoder = {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return decoder
  }()
}
