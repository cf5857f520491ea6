import Foundation
import GRDB
import SolpackArchive
import SolpackModel
import SolpackTestSupport
import Testing

@testable import SolpackEnvironment

/// A new environment's entries are written before its first commit (`stage`): the
/// commit keeps them only when they are the entries it was given, and nothing of them
/// is left behind when it does not.
@Suite struct StagedEnvironmentTests {
  private func entry(_ path: String, _ text: String) -> StoredEntry {
    StoredEntry(path: path) { Data(text.utf8) }
  }

  private func state(_ solution: String) -> EnvironmentState {
    var state = EnvironmentState()
    state.solutions = [
      InstalledSolution(
        uniqueName: solution, displayName: solution, version: "1.0.0.0", managed: false,
        publisher: "p", installedAt: Date(timeIntervalSince1970: 1_800_000_000), provided: false)
    ]
    return state
  }

  /// A store whose environment does not exist yet, in a folder of its own.
  private func environment(_ name: String = #function) -> (TestFolder, SQLiteEnvironmentStore) {
    let folder = TestFolder(name)
    return (folder, SQLiteEnvironmentStore(path: folder.path("env.sqlite").path))
  }

  /// Every file in the folder: the environment and nothing else once a commit is done.
  private func files(_ folder: TestFolder) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
  }

  private func text(_ store: SQLiteEnvironmentStore, _ solution: String, _ path: String) throws
    -> String
  {
    String(decoding: try store.entryData(of: solution, path: path), as: UTF8.self)
  }

  @Test func theCommitKeepsStagedEntriesThatMatch() throws {
    let (folder, store) = environment()
    store.stage { ("Core", [self.entry("a.xml", "staged"), self.entry("b.xml", "staged")]) }
    try store.commit(
      state("Core"), entries: ["Core": [entry("a.xml", "late"), entry("b.xml", "late")]],
      run: nil)
    // The staged bytes are the ones stored: the commit did not write the entries again.
    #expect(try text(store, "Core", "a.xml") == "staged")
    #expect(try text(store, "Core", "b.xml") == "staged")
    #expect(try store.load().solutions.map(\.uniqueName) == ["Core"])
    #expect(try files(folder) == ["env.sqlite"])
  }

  @Test func theCommitDropsStagedEntriesThatDiffer() throws {
    let cases: [(name: String, paths: [String])] = [
      ("Core", ["a.xml"]),  // one entry fewer
      ("Other", ["a.xml", "b.xml"]),  // another solution
    ]
    for staged in cases {
      let (folder, store) = environment()
      store.stage { (staged.name, staged.paths.map { self.entry($0, "staged") }) }
      try store.commit(
        state("Core"), entries: ["Core": [entry("a.xml", "late"), entry("b.xml", "late")]],
        run: nil)
      #expect(try store.entryList(of: "Core").map(\.path) == ["a.xml", "b.xml"])
      #expect(try text(store, "Core", "a.xml") == "late")
      #expect(try store.entryList(of: "Other").isEmpty)
      #expect(try files(folder) == ["env.sqlite"])
    }
  }

  @Test func aStagingThatFailsOnlyCostsTheHeadStart() throws {
    let (folder, store) = environment()
    store.stage { throw DiagnosticError(.error("required-entry-missing", "no solution.xml")) }
    try store.commit(state("Core"), entries: ["Core": [entry("a.xml", "late")]], run: nil)
    #expect(try text(store, "Core", "a.xml") == "late")
    #expect(try files(folder) == ["env.sqlite"])
  }

  @Test func anExistingEnvironmentIsNotStaged() throws {
    let (folder, store) = environment()
    try store.commit(state("Core"), entries: ["Core": [entry("a.xml", "first")]], run: nil)
    store.stage { ("Core", [self.entry("a.xml", "staged")]) }
    try store.commit(state("Core"), entries: ["Core": [entry("a.xml", "second")]], run: nil)
    #expect(try text(store, "Core", "a.xml") == "second")
    #expect(try files(folder) == ["env.sqlite"])
  }

  @Test func discardingRemovesTheStagedFile() throws {
    let (folder, store) = environment()
    store.stage { ("Core", [self.entry("a.xml", "staged")]) }
    store.discardStaged()
    #expect(try files(folder).isEmpty)
  }

  /// The file a first import builds without a journal keeps SQLite's rollback journal
  /// for every later commit, and holds the archive's entries as read from it.
  @Test func aFirstImportStoresEveryEntryAndLaterCommitsJournal() throws {
    let (folder, store) = environment()
    let report = ImportEngine.run(
      [Samples.path("CredentialsCore")], store: store, options: ImportOptions(actor: "alice"))
    #expect(report.outcome == .imported)
    #expect(try files(folder) == ["env.sqlite"])
    let source = try SolutionSources.open(URL(fileURLWithPath: Samples.path("CredentialsCore")))
    let name = try #require(report.solutions.first?.uniqueName)
    #expect(try store.entryList(of: name).map(\.path) == source.entries.map(\.path))
    for entry in source.entries {
      #expect(try store.entryData(of: name, path: entry.path) == source.read(entry.path))
    }
    let queue = try DatabaseQueue(path: folder.path("env.sqlite").path)
    #expect(try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "delete")
    #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM importrun") } == 1)
  }

  /// Progress of a first import of several archives counts every entry of all of them
  /// once, in one run of numbers, although the entries are written as each archive opens.
  @Test func progressCountsAllArchivesAsOne() throws {
    let (folder, store) = environment()
    defer { withExtendedLifetime(folder) {} }
    let seen = Seen()
    let paths = [Samples.path("CredentialsCore"), Samples.path("InvoiceFlows")]
    let report = ImportEngine.run(
      paths, store: store, options: ImportOptions(actor: "alice", progress: { seen.add($0) }))
    #expect(report.outcome == .imported, "\(report.diagnostics.map(\.id))")
    let entries = try paths.reduce(0) {
      $0 + (try SolutionSources.open(URL(fileURLWithPath: $1)).entries.count)
    }
    let reports = seen.all
    #expect(reports.count == entries)
    #expect(reports.map(\.entriesDone) == Array(1...entries))
    #expect(reports.last?.entriesTotal == entries)
    #expect(reports.last?.bytesDone == reports.last?.bytesTotal)
  }

  private final class Seen: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [WorkProgress] = []
    func add(_ value: WorkProgress) { lock.withLock { values.append(value) } }
    var all: [WorkProgress] { lock.withLock { values } }
  }

  @Test func aRefusedFirstImportLeavesNothing() throws {
    let (folder, store) = environment()
    // InvoiceFlows needs CredentialsCore, which a new environment does not have.
    let report = ImportEngine.run(
      [Samples.path("InvoiceFlows")], store: store, options: ImportOptions(actor: "alice"))
    #expect(report.outcome == .refused)
    #expect(try files(folder).isEmpty)
  }
}
