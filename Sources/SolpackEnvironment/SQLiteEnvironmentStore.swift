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
  // A new environment begun before its first commit (`stage`); the lock guards it.
  private var staged: StagedEnvironment?

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

  /// `private`: a file no one else opens until it is renamed into place (see `commit`).
  private func connect(_ file: URL, private: Bool = false) throws -> DatabaseQueue {
    do {
      var configuration = Configuration()
      configuration.foreignKeysEnabled = true
      if `private` {
        // No journal and no syncs while the file is built: nothing can read it, a
        // failure deletes it, and `commit` syncs it once before the rename.
        configuration.prepareDatabase { db in
          try db.execute(
            sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
        }
      }
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
    let write = { (queue: DatabaseQueue, entries: [String: [StoredEntry]]) in
      try queue.write { db in
        try EnvironmentSchema.replace(db, with: state, entries: entries)
        try EnvironmentSchema.apply(db, edits: edits)
        if let run, let report { try EnvironmentSchema.record(db, run: run, json: report.value()) }
      }
    }
    try busyIsADiagnostic {
      guard exists || queue != nil else {
        if let staged = takeStaged() {
          defer { staged.discard() }
          if let database = staged.database(holding: entries) {
            // Only the typed tables and the run are left to write; the file then
            // takes the path a temporary of `AtomicFile.replace` would have.
            try write(database, [:])
            try database.close()
            try FileSync.sync(staged.file)
            try AtomicFile.replace(url) { temporary in
              guard rename(staged.file.path, temporary.path) == 0 else {
                throw DiagnosticError(
                  .error(
                    "environment-write-failed",
                    "could not move \(staged.file.path) into place: \(String(cString: strerror(errno)))"
                  ))
              }
            }
            try? FileSync.sync(url.deletingLastPathComponent())
            return
          }
        }
        // The first commit builds the file beside the target and renames it in: a
        // crash never leaves a half-created (or empty) environment behind. So the
        // temporary needs no rollback journal and no sync per transaction: until the
        // rename no other connection knows it, an error deletes it (AtomicFile), and a
        // crash leaves only a temporary sibling that the next write sweeps away. It is
        // synced once, before the rename, so the renamed file is never a torn one.
        try AtomicFile.replace(url) { temporary in
          let queue = try connect(temporary, private: true)
          try write(queue, entries)
          try queue.close()
          try FileSync.sync(temporary)
        }
        // The rename itself, made durable like the commit it replaces.
        try? FileSync.sync(url.deletingLastPathComponent())
        return
      }
      try write(try open(), entries)
    }
  }

  public func stage(
    _ solution: @escaping @Sendable () throws -> (name: String, entries: [StoredEntry])
  ) {
    lock.lock()
    defer { lock.unlock() }
    guard queue == nil, !exists else { return }
    if staged == nil {
      staged = StagedEnvironment(target: url) { [self] file in try connect(file, private: true) }
    }
    staged?.add(solution)
  }

  public func discardStaged() { takeStaged()?.discard() }

  private func takeStaged() -> StagedEnvironment? {
    lock.lock()
    defer {
      staged = nil
      lock.unlock()
    }
    return staged
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
