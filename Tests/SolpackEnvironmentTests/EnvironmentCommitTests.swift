import Foundation
import GRDB
import SolpackModel
import Testing

@testable import SolpackEnvironment

/// A commit writes only the rows that changed, and what it leaves is what a full
/// rewrite would have left.
@Suite struct EnvironmentCommitTests {
  private func state(variables: Int, flowsOn: Bool = true) -> EnvironmentState {
    var state = EnvironmentState()
    state.solutions = [
      InstalledSolution(
        uniqueName: "Core", displayName: "Core", version: "1.0.0.0", managed: false,
        publisher: "p", installedAt: Date(timeIntervalSince1970: 1_800_000_000), provided: false)
    ]
    // Zero-padded, so the state is already in the order `load` reads it back in.
    for index in 0..<variables {
      let name = "p_Var" + String(repeating: "0", count: 3 - String(index).count) + String(index)
      let key = ComponentKey(type: "environment-variable", name: name)
      state.components.append(
        ComponentRecord(key: key, solution: "Core", managed: false, displayName: nil))
      state.environmentVariables.append(
        EnvironmentVariableRecord(
          schemaName: name, solution: "Core", type: 100_000_000, defaultValue: nil,
          currentValue: "v\(index)", isRequired: false))
    }
    state.flows = [
      FlowRecord(
        id: "f1", solution: "Core", name: "Flow", kind: "cloud", isOn: flowsOn, reasons: [])
    ]
    state.requirements = [
      RequirementRecord(solution: "Core", key: ComponentKey(type: "connector", name: "shared_x"))
    ]
    return state
  }

  private func database() throws -> DatabaseQueue {
    let queue = try DatabaseQueue()
    try EnvironmentSchema.migrator.migrate(queue)
    return queue
  }

  private func entry(_ path: String, _ text: String) -> StoredEntry {
    StoredEntry(path: path) { Data(text.utf8) }
  }

  @Test func reCommittingTheSameStateWritesNothing() throws {
    let queue = try database()
    let first = state(variables: 50)
    let entries = ["Core": [entry("solution.xml", "<a/>"), entry("Workflows/f.json", "{}")]]
    let written = try queue.write {
      try EnvironmentSchema.replace($0, with: first, entries: entries)
    }
    #expect(written == 1 + 50 + 1 + 50 + 1 + 2)
    let again = try queue.write { db in
      let before = db.totalChangesCount
      let count = try EnvironmentSchema.replace(db, with: first, entries: entries)
      #expect(db.totalChangesCount == before)
      return count
    }
    #expect(again == 0)
    #expect(try queue.read { try EnvironmentSchema.load($0) } == first)
  }

  @Test func onlyChangedRowsAreWritten() throws {
    let queue = try database()
    var state = state(variables: 20)
    _ = try queue.write {
      try EnvironmentSchema.replace(
        $0, with: state, entries: ["Core": [entry("a.xml", "1"), entry("b.xml", "2")]])
    }
    state.environmentVariables[3].currentValue = "changed"
    state.environmentVariables.remove(at: 7)
    state.components.removeAll { $0.key.name == "p_var007" }
    state.flows[0].isOn = false
    let written = try queue.write {
      try EnvironmentSchema.replace(
        $0, with: state,
        entries: ["Core": [entry("a.xml", "1"), entry("b.xml", "3"), entry("c.xml", "4")]])
    }
    // One value updated, one variable and its component deleted, the flow updated,
    // one entry changed, one added.
    #expect(written == 1 + 2 + 1 + 2)
    #expect(try queue.read { try EnvironmentSchema.load($0) } == state)
    let paths = try queue.read {
      try String.fetchAll(
        $0, sql: "SELECT path || '=' || CAST(data AS TEXT) FROM solutionentry ORDER BY path")
    }
    #expect(paths == ["a.xml=1", "b.xml=3", "c.xml=4"])
  }

  /// Layers count within a component: a component layered under two solutions keeps
  /// its order, and adding a component elsewhere does not renumber it.
  @Test func layersKeepTheirOrderWithinAComponent() throws {
    let queue = try database()
    var state = state(variables: 3)
    state.solutions.append(
      InstalledSolution(
        uniqueName: "Patch", displayName: "Patch", version: "1.0.0.0", managed: false,
        publisher: "p", installedAt: Date(timeIntervalSince1970: 1_800_000_001), provided: false))
    let shared = ComponentKey(type: "environment-variable", name: "p_var001")
    state.components.insert(
      ComponentRecord(key: shared, solution: "Patch", managed: true, displayName: nil), at: 1)
    _ = try queue.write { try EnvironmentSchema.replace($0, with: state, entries: [:]) }
    let loaded = try queue.read { try EnvironmentSchema.load($0) }
    #expect(loaded.owners(of: shared).map(\.solution) == ["Patch", "Core"])
    state.components.insert(
      ComponentRecord(
        key: ComponentKey(type: "environment-variable", name: "p_a"), solution: "Core",
        managed: false, displayName: nil), at: 0)
    let written = try queue.write { try EnvironmentSchema.replace($0, with: state, entries: [:]) }
    #expect(written == 1)
  }

  /// Removing a solution removes its rows and its stored entries.
  @Test func aRemovedSolutionTakesItsRowsAlong() throws {
    let queue = try database()
    let full = state(variables: 5)
    _ = try queue.write {
      try EnvironmentSchema.replace($0, with: full, entries: ["Core": [entry("a.xml", "1")]])
    }
    _ = try queue.write {
      try EnvironmentSchema.replace($0, with: EnvironmentState(), entries: [:])
    }
    let counts = try queue.read { db in
      try ["solution", "component", "requirement", "environmentvariable", "flow", "solutionentry"]
        .map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? -1 }
    }
    #expect(counts == [0, 0, 0, 0, 0, 0])
  }

  /// Keys match as SQLite's NOCASE matches them: a new spelling updates the row.
  @Test func aKeyRespeltInAnotherCaseUpdatesItsRow() throws {
    let queue = try database()
    var state = state(variables: 2)
    _ = try queue.write { try EnvironmentSchema.replace($0, with: state, entries: [:]) }
    state.environmentVariables[0].schemaName = "P_VAR000"
    let written = try queue.write { try EnvironmentSchema.replace($0, with: state, entries: [:]) }
    #expect(written == 1)
    #expect(
      try queue.read { try EnvironmentSchema.load($0) }.environmentVariables[0].schemaName
        == "P_VAR000")
  }

  /// Tables that were empty take the insert-only path: duplicate keys still go as
  /// each table says (later row wins, first row wins, or the commit fails).
  @Test func duplicateKeysIntoEmptyTables() throws {
    var state = state(variables: 2)
    let key = state.components[0].key
    state.components.append(
      ComponentRecord(key: key, solution: "CORE", managed: true, displayName: "later"))
    state.requirements.append(
      RequirementRecord(solution: "core", key: ComponentKey(type: "connector", name: "shared_x")))
    let queue = try database()
    _ = try queue.write { try EnvironmentSchema.replace($0, with: state, entries: [:]) }
    let loaded = try queue.read { try EnvironmentSchema.load($0) }
    #expect(loaded.components.filter { $0.key == key }.map(\.displayName) == ["later"])
    #expect(loaded.requirements.map(\.solution) == ["Core"])
    state.environmentVariables.append(state.environmentVariables[0])
    state.environmentVariables[2].schemaName = "P_VAR000"
    let failure = #expect(throws: DatabaseError.self) {
      try database().write { try EnvironmentSchema.replace($0, with: state, entries: [:]) }
    }
    #expect(failure?.message == "UNIQUE constraint failed: environmentvariable.schemaname")
  }

  /// Rows go into an empty table `EnvironmentTable.batch` at a time: a duplicate key in
  /// a later batch still updates the first row, every row is counted once, and the
  /// table's own index, built after the rows, is the one the migration declared.
  @Test func manyRowsIntoEmptyTablesGoInBatches() throws {
    var state = state(variables: 2 * EnvironmentTable.batch + 22)
    let key = state.components[10].key
    state.components.append(
      ComponentRecord(key: key, solution: "Core", managed: true, displayName: "later"))
    state.dependencies = (0..<150).map {
      DependencyRecord(
        solution: "Core", dependent: ComponentKey(type: "workflow", name: "f\($0)"),
        dependentName: "Flow \($0)",
        required: ComponentKey(type: "environment-variable", name: "p_var\(149 - $0)"))
    }
    let queue = try database()
    let declared = try queue.read {
      try String.fetchOne(
        $0, sql: "SELECT sql FROM sqlite_master WHERE name = 'dependency_required'")
    }
    let written = try queue.write { try EnvironmentSchema.replace($0, with: state, entries: [:]) }
    // The solution, 150 components and one update, the requirement, 150 variables, the
    // flow, 150 dependencies.
    #expect(written == 1 + 151 + 1 + 150 + 1 + 150)
    let loaded = try queue.read { try EnvironmentSchema.load($0) }
    #expect(loaded.components.count == 150)
    #expect(loaded.components.filter { $0.key == key }.map(\.displayName) == ["later"])
    #expect(loaded.environmentVariables == state.environmentVariables)
    #expect(loaded.dependencies.count == 150)
    let (index, found) = try queue.read { db in
      (
        try String.fetchOne(
          db, sql: "SELECT sql FROM sqlite_master WHERE name = 'dependency_required'"),
        try String.fetchAll(
          db,
          sql: """
            SELECT dependentname FROM dependency INDEXED BY dependency_required
            WHERE requiredtype = 'environment-variable' AND requiredname = 'p_var7'
            """)
      )
    }
    #expect(index == declared)
    #expect(found == ["f142"])
  }

  /// `Statement.run` binds each storage class as GRDB does, and reports SQLite's errors.
  @Test func rowsBoundThroughTheCAPI() throws {
    let queue = try DatabaseQueue()
    try queue.write { db in
      try db.execute(sql: "CREATE TABLE t (a TEXT PRIMARY KEY, b, c, d, e)")
      let insert = try db.makeStatement(sql: "INSERT INTO t VALUES (?, ?, ?, ?, ?)")
      let values: [DatabaseValue] = [
        "é\u{1F600}".databaseValue, 42.databaseValue, 1.5.databaseValue,
        Data([0, 1, 2]).databaseValue,
        .null,
      ]
      try insert.run(values)
      try insert.run(["cut\u{0}here".databaseValue, .null, .null, .null, .null])
      let rows = try Row.fetchAll(db, sql: "SELECT * FROM t ORDER BY rowid")
      #expect(Array(rows[0].databaseValues) == values)
      #expect(rows[1]["a"] == "cut")
      let duplicate = #expect(throws: DatabaseError.self) { try insert.run(values) }
      #expect(duplicate?.resultCode == .SQLITE_CONSTRAINT)
      try insert.run(["next".databaseValue, .null, .null, .null, .null])
      #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM t") == 3)
    }
  }
}
