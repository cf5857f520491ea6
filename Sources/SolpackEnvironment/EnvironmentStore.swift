import Foundation
import SolpackArchive
import SolpackModel

/// Where an environment lives. The engine reads the whole state, decides, and asks
/// the store to write the result in one transaction; a server database can stand
/// behind the same protocol later.
public protocol EnvironmentStore: Sendable {
  /// For messages and reports: the file or the server.
  var location: String { get }
  /// Runs `body` holding the environment's operation lock: one solution operation
  /// (`operation` names it: "import", "env provide", …) at a time per environment,
  /// across processes, as Dataverse does. Everything that loads, decides and commits
  /// runs inside, so no other operation commits in between. Waits for another holder
  /// up to the store's timeout, then throws `environment-busy`. Reentrant.
  func exclusively<T>(_ operation: String, _ body: () throws -> T) throws -> T
  /// The state; an environment that does not exist yet is empty (and is not created).
  func load() throws -> EnvironmentState
  /// Replaces the state with `state`, the archive entries of the solutions in
  /// `entries`, and records `run`; all or nothing. Entries are loaded one at a time
  /// while they are written, so memory does not grow with the archives.
  /// `edits` then puts or deletes single entries of solutions not in `entries`
  /// (credential commands change one file of a solution).
  func commit(
    _ state: EnvironmentState, entries: [String: [StoredEntry]], edits: [EntryEdit],
    run: ImportReport?
  ) throws
  /// Begins storing a solution's archive entries ahead of `commit`, where the store can
  /// do so out of sight (a SQLite environment not created yet); `commit` keeps them when
  /// it is given the same solutions with the same paths. `solution` runs on another
  /// thread; its errors only cost the head start.
  func stage(_ solution: @escaping @Sendable () throws -> (name: String, entries: [StoredEntry]))
  /// Drops what `stage` began and `commit` did not keep.
  func discardStaged()
  /// The paths and sizes of a solution's archive entries as last imported.
  func entryList(of solution: String) throws -> [SourceEntry]
  /// One entry's bytes.
  func entryData(of solution: String, path: String) throws -> Data
  /// Past runs, newest last.
  func runs() throws -> [ImportReport]
}

extension EnvironmentStore {
  /// A store that cannot begin early writes everything at `commit`.
  public func stage(
    _ solution: @escaping @Sendable () throws -> (name: String, entries: [StoredEntry])
  ) {}

  public func discardStaged() {}

  public func commit(
    _ state: EnvironmentState, entries: [String: [StoredEntry]], run: ImportReport?
  ) throws {
    try commit(state, entries: entries, edits: [], run: run)
  }
}

/// One stored archive entry of a solution to write (`data`) or delete (nil).
public struct EntryEdit: Sendable, Equatable {
  public var solution: String
  public var path: String
  public var data: Data?
  public init(solution: String, path: String, data: Data?) {
    self.solution = solution
    self.path = path
    self.data = data
  }
}

/// An archive entry to store, read only when the store writes it.
public struct StoredEntry: Sendable {
  public var path: String
  /// Uncompressed size as the source lists it, for progress; 0 when unknown.
  public var size: UInt64
  public var load: @Sendable () throws -> Data
  public init(path: String, size: UInt64 = 0, load: @escaping @Sendable () throws -> Data) {
    self.path = path
    self.size = size
    self.load = load
  }

  /// Every entry of `source`, read from it when stored.
  static func all(of source: any SolutionSource) -> [StoredEntry] {
    source.entries.map { entry in
      StoredEntry(path: entry.path, size: entry.size) { try source.read(entry.path) }
    }
  }
}
