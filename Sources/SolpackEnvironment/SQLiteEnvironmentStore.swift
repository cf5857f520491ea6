import Foundation
import GRDB
import SolpackArchive
import SolpackModel

/// The default environment: one SQLite file, through GRDB, with migrations.
///
/// The file keeps SQLite's rollback journal (not WAL): the environment stays one file
/// when nothing runs, and a commit is atomic across crashes (a hot journal is rolled
/// back by the next opener). A reader waits, up to `waiting.timeout`, while a commit
/// writes; it never sees part of one. Operations that change the environment are
/// serialized by `OperationLock` (`exclusively`).
public final class SQLiteEnvironmentStore: EnvironmentStore, @unchecked Sendable {
  public let location: String
  private let url: URL
  private let waiting: OperationLock.Waiting
  // One connection per store, opened on first use; the lock guards its creation.
  private let lock = NSLock()
  private var queue: DatabaseQueue?
  // Held by the thread inside `exclusively`, so nested calls run and other threads wait.
  private let operationLock = NSRecursiveLock()
  private var held: OperationLock.Held?

  /// The file the commands use: `--env`, else `SOLPACK_ENV`, else
  /// `solpack-env.sqlite` in the working folder.
  public static func defaultPath(explicit: String?, environment: [String: String]) -> String {
    if let explicit, !explicit.isEmpty { return explicit }
    if let fromEnvironment = environment["SOLPACK_ENV"], !fromEnvironment.isEmpty {
      return fromEnvironment
    }
    return "solpack-env.sqlite"
  }

  public init(path: String, waiting: OperationLock.Waiting = OperationLock.Waiting()) {
    location = path
    url = URL(fileURLWithPath: path)
    self.waiting = waiting
  }

  public func exclusively<T>(_ operation: String, _ body: () throws -> T) throws -> T {
    guard operationLock.lock(before: Date(timeIntervalSinceNow: waiting.timeout)) else {
      throw DiagnosticError(
        .error(
          "environment-busy",
          "another operation in this process held \(location) for more than \(OperationLock.seconds(waiting.timeout))",
          hint: "Run the operations one after another."))
    }
    defer { operationLock.unlock() }
    if held != nil { return try body() }
    let taken = try OperationLock(environment: location).acquire(operation, waiting: waiting)
    held = taken
    defer {
      held = nil
      taken.release()
    }
    return try body()
  }

  private var exists: Bool { FileManager.default.fileExists(atPath: url.path) }

  private func open() throws -> DatabaseQueue {
    lock.lock()
    defer { lock.unlock() }
    if let queue { return queue }
    let queue = try connect(url)
    self.queue = queue
    return queue
  }

  private func connect(_ file: URL) throws -> DatabaseQueue {
    do {
      var configuration = Configuration()
      configuration.foreignKeysEnabled = true
      // A reader that meets a commit in progress waits for it rather than failing
      // with "database is locked".
      configuration.busyMode = .timeout(waiting.timeout)
      let queue = try DatabaseQueue(path: file.path, configuration: configuration)
      try EnvironmentSchema.migrator.migrate(queue)
      return queue
    } catch let error as DatabaseError where error.resultCode != .SQLITE_BUSY {
      throw DiagnosticError(
        .error(
          "environment-unreadable",
          "the environment \(location) could not be opened: \(error.message ?? "\(error)")",
          hint: "Check that \(location) is a solpack environment (a SQLite file) and is writable."))
    }
  }

  /// One read transaction: a consistent state, before or after any commit.
  private func read<T>(_ body: (Database) throws -> T) throws -> T {
    try busyIsADiagnostic { try open().read(body) }
  }

  /// SQLite's "database is locked" after the busy timeout, said as solpack says it.
  private func busyIsADiagnostic<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
      throw DiagnosticError(
        .error(
          "environment-busy",
          "\(location) stayed busy (another process reading or writing it) for more than \(OperationLock.seconds(waiting.timeout))",
          hint:
            "Run again when the other solpack command has finished, or wait longer with --wait SECONDS (or SOLPACK_WAIT)."
        ))
    }
  }

  public func load() throws -> EnvironmentState {
    guard exists else { return EnvironmentState() }
    return try read { db in try EnvironmentSchema.load(db) }
  }

  public func commit(
    _ state: EnvironmentState, entries: [String: [StoredEntry]], edits: [EntryEdit],
    run: ImportReport?
  ) throws {
    // The run's JSON (as large as the import) is encoded on another core meanwhile.
    let report = run.map { run in BackgroundTask { try EnvironmentSchema.encoded(run) } }
    defer { report?.wait() }
    let write = { (queue: DatabaseQueue) in
      try queue.write { db in
        try EnvironmentSchema.replace(db, with: state, entries: entries)
        try EnvironmentSchema.apply(db, edits: edits)
        if let run, let report { try EnvironmentSchema.record(db, run: run, json: report.value()) }
      }
    }
    try busyIsADiagnostic {
      guard exists || queue != nil else {
        // The first commit builds the file beside the target and renames it in: a
        // crash never leaves a half-created (or empty) environment behind.
        try AtomicFile.replace(url) { temporary in
          let queue = try connect(temporary)
          try write(queue)
          try queue.close()
        }
        return
      }
      try write(try open())
    }
  }

  public func entryList(of solution: String) throws -> [SourceEntry] {
    guard exists else { return [] }
    return try read { db in
      try Row.fetchAll(
        db,
        sql:
          "SELECT path, length(data) AS size FROM solutionentry WHERE solution = ? ORDER BY path",
        arguments: [solution]
      ).map { SourceEntry(path: $0["path"], size: UInt64(($0["size"] as Int64?) ?? 0)) }
    }
  }

  public func entryData(of solution: String, path: String) throws -> Data {
    let data = try read { db in
      try Data.fetchOne(
        db, sql: "SELECT data FROM solutionentry WHERE solution = ? AND path = ?",
        arguments: [solution, path])
    }
    guard let data else {
      throw DiagnosticError(
        .error(
          "entry-missing", "\(location) holds no entry \(path) for \(solution)", entry: path,
          hint: "Import the solution again."))
    }
    return data
  }

  public func runs() throws -> [ImportReport] {
    guard exists else { return [] }
    return try read { db in
      try String.fetchAll(db, sql: "SELECT report FROM importrun ORDER BY id").compactMap {
        try? EnvironmentSchema.decoder.decode(ImportReport.self, from: Data($0.utf8))
      }
    }
  }
}
