import Foundation
import GRDB
import SolpackModel

/// The default environment: one SQLite file, through GRDB, with migrations.
public final class SQLiteEnvironmentStore: EnvironmentStore {
  public let location: String
  private let url: URL

  /// The file the commands use: `--env`, else `SOLPACK_ENV`, else
  /// `solpack-env.sqlite` in the working folder.
  public static func defaultPath(explicit: String?, environment: [String: String]) -> String {
    if let explicit, !explicit.isEmpty { return explicit }
    if let fromEnvironment = environment["SOLPACK_ENV"], !fromEnvironment.isEmpty {
      return fromEnvironment
    }
    return "solpack-env.sqlite"
  }

  public init(path: String) {
    location = path
    url = URL(fileURLWithPath: path)
  }

  private var exists: Bool { FileManager.default.fileExists(atPath: url.path) }

  private func open() throws -> DatabaseQueue {
    do {
      var configuration = Configuration()
      configuration.foreignKeysEnabled = true
      let queue = try DatabaseQueue(path: url.path, configuration: configuration)
      try EnvironmentSchema.migrator.migrate(queue)
      return queue
    } catch let error as DatabaseError {
      throw DiagnosticError(
        .error(
          "environment-unreadable",
          "the environment \(location) could not be opened: \(error.message ?? "\(error)")",
          hint: "Check that \(location) is a solpack environment (a SQLite file) and is writable."))
    }
  }

  public func load() throws -> EnvironmentState {
    guard exists else { return EnvironmentState() }
    return try open().read { db in try EnvironmentSchema.load(db) }
  }

  public func commit(
    _ state: EnvironmentState, entries: [String: [StoredEntry]], run: ImportReport?
  ) throws {
    try open().write { db in
      try EnvironmentSchema.replace(db, with: state, entries: entries)
      if let run { try EnvironmentSchema.record(db, run: run) }
    }
  }

  public func entries(of solution: String) throws -> [StoredEntry] {
    guard exists else { return [] }
    return try open().read { db in
      try Row.fetchAll(
        db, sql: "SELECT path, data FROM solutionentry WHERE solution = ? ORDER BY path",
        arguments: [solution]
      ).map { StoredEntry(path: $0["path"], data: $0["data"]) }
    }
  }

  public func runs() throws -> [ImportReport] {
    guard exists else { return [] }
    return try open().read { db in
      try String.fetchAll(db, sql: "SELECT report FROM importrun ORDER BY id").compactMap {
        try? EnvironmentSchema.decoder.decode(ImportReport.self, from: Data($0.utf8))
      }
    }
  }
}
