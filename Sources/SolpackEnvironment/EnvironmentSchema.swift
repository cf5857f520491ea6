import Foundation
import GRDB
import SolpackModel

/// Tables and the reads and writes of `EnvironmentState`.
enum EnvironmentSchema {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE solution (
            uniquename TEXT PRIMARY KEY COLLATE NOCASE, displayname TEXT NOT NULL,
            version TEXT NOT NULL, managed INTEGER NOT NULL, publisher TEXT NOT NULL,
            installedat TEXT NOT NULL, provided INTEGER NOT NULL);
          CREATE TABLE component (
            type TEXT NOT NULL, name TEXT NOT NULL, solution TEXT NOT NULL COLLATE NOCASE
              REFERENCES solution(uniquename) ON DELETE CASCADE,
            managed INTEGER NOT NULL, displayname TEXT, layer INTEGER NOT NULL,
            PRIMARY KEY (type, name, solution));
          CREATE TABLE requirement (
            solution TEXT NOT NULL COLLATE NOCASE REFERENCES solution(uniquename) ON DELETE CASCADE,
            type TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (solution, type, name));
          CREATE TABLE environmentvariable (
            schemaname TEXT PRIMARY KEY COLLATE NOCASE, solution TEXT NOT NULL COLLATE NOCASE,
            type INTEGER, defaultvalue TEXT, currentvalue TEXT, isrequired INTEGER NOT NULL);
          CREATE TABLE connectionreference (
            logicalname TEXT PRIMARY KEY COLLATE NOCASE, solution TEXT NOT NULL COLLATE NOCASE,
            connectorid TEXT, connectionid TEXT);
          CREATE TABLE credential (
            name TEXT PRIMARY KEY COLLATE NOCASE, solution TEXT NOT NULL COLLATE NOCASE,
            store TEXT, connectiontype INTEGER, usagetypes TEXT NOT NULL,
            usernamevariable TEXT, passwordvariable TEXT, certificatevariable TEXT);
          CREATE TABLE flow (
            id TEXT PRIMARY KEY, solution TEXT NOT NULL COLLATE NOCASE, name TEXT NOT NULL,
            kind TEXT NOT NULL, ison INTEGER NOT NULL, reasons TEXT NOT NULL);
          CREATE TABLE solutionentry (
            solution TEXT NOT NULL COLLATE NOCASE, path TEXT NOT NULL, data BLOB NOT NULL,
            PRIMARY KEY (solution, path));
          CREATE TABLE importrun (
            id INTEGER PRIMARY KEY AUTOINCREMENT, startedat TEXT NOT NULL,
            outcome TEXT NOT NULL, report TEXT NOT NULL);
          """)
    }
    // Credential sharing (issue 5): who owns and shares what, every component's
    // dependencies for where-used, and secret versions recorded by rotation notices.
    migrator.registerMigration("v2") { db in
      try db.execute(
        sql: """
          CREATE TABLE access (
            type TEXT NOT NULL, name TEXT NOT NULL, principal TEXT NOT NULL COLLATE NOCASE,
            role TEXT NOT NULL, grantedby TEXT, grantedat TEXT NOT NULL,
            PRIMARY KEY (type, name, principal));
          CREATE TABLE dependency (
            solution TEXT NOT NULL COLLATE NOCASE, dependenttype TEXT NOT NULL,
            dependentname TEXT NOT NULL, dependentdisplay TEXT NOT NULL,
            requiredtype TEXT NOT NULL, requiredname TEXT NOT NULL,
            PRIMARY KEY (solution, dependenttype, dependentname, requiredtype, requiredname));
          CREATE INDEX dependency_required ON dependency (requiredtype, requiredname);
          CREATE TABLE secretrotation (
            type TEXT NOT NULL, name TEXT NOT NULL, variable TEXT NOT NULL COLLATE NOCASE,
            vault TEXT NOT NULL, secret TEXT NOT NULL, version TEXT,
            recordedat TEXT NOT NULL, recordedby TEXT NOT NULL,
            PRIMARY KEY (type, name, variable, recordedat));
          """)
    }
    return migrator
  }

  static let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = [.sortedKeys]
    return encoder
  }()

  static let decoder: JSONDecoder = {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return decoder
  }()

  static func load(_ db: Database) throws -> EnvironmentState {
    var state = EnvironmentState()
    state.solutions = try Row.fetchAll(
      db, sql: "SELECT * FROM solution ORDER BY installedat, uniquename"
    )
    .map {
      InstalledSolution(
        uniqueName: $0["uniquename"], displayName: $0["displayname"], version: $0["version"],
        managed: $0["managed"], publisher: $0["publisher"],
        installedAt: ISO8601DateFormatter().date(from: $0["installedat"])
          ?? Date(timeIntervalSince1970: 0),
        provided: $0["provided"])
    }
    state.components = try Row.fetchAll(
      db, sql: "SELECT * FROM component ORDER BY type, name, layer"
    )
    .map {
      ComponentRecord(
        key: ComponentKey(type: $0["type"], name: $0["name"]), solution: $0["solution"],
        managed: $0["managed"], displayName: $0["displayname"])
    }
    state.requirements = try Row.fetchAll(
      db, sql: "SELECT * FROM requirement ORDER BY solution, type, name"
    )
    .map {
      RequirementRecord(
        solution: $0["solution"], key: ComponentKey(type: $0["type"], name: $0["name"]))
    }
    state.environmentVariables = try Row.fetchAll(
      db, sql: "SELECT * FROM environmentvariable ORDER BY schemaname"
    )
    .map {
      EnvironmentVariableRecord(
        schemaName: $0["schemaname"], solution: $0["solution"], type: $0["type"],
        defaultValue: $0["defaultvalue"], currentValue: $0["currentvalue"],
        isRequired: $0["isrequired"])
    }
    state.connectionReferences = try Row.fetchAll(
      db, sql: "SELECT * FROM connectionreference ORDER BY logicalname"
    )
    .map {
      ConnectionReferenceRecord(
        logicalName: $0["logicalname"], solution: $0["solution"], connectorID: $0["connectorid"],
        connectionID: $0["connectionid"])
    }
    state.credentials = try Row.fetchAll(db, sql: "SELECT * FROM credential ORDER BY name").map {
      CredentialRecord(
        name: $0["name"], solution: $0["solution"], store: $0["store"],
        connectionType: $0["connectiontype"],
        usageTypes: (($0["usagetypes"] as String?) ?? "").split(separator: ",").compactMap {
          Int($0)
        },
        usernameVariable: $0["usernamevariable"], passwordVariable: $0["passwordvariable"],
        certificateVariable: $0["certificatevariable"])
    }
    state.flows = try Row.fetchAll(db, sql: "SELECT * FROM flow ORDER BY solution, name, id").map {
      FlowRecord(
        id: $0["id"], solution: $0["solution"], name: $0["name"], kind: $0["kind"],
        isOn: $0["ison"],
        reasons: (($0["reasons"] as String?) ?? "").split(separator: "\n").map(String.init))
    }
    try loadSharing(db, into: &state)
    return state
  }

  // The typed tables, each with its key as the v1 migration declares it.
  static let solutionTable = EnvironmentTable(
    "solution",
    columns: [
      "uniquename", "displayname", "version", "managed", "publisher", "installedat", "provided",
    ], keyCount: 1, caseInsensitive: ["uniquename"], duplicates: .replace)
  static let componentTable = EnvironmentTable(
    "component", columns: ["type", "name", "solution", "managed", "displayname", "layer"],
    keyCount: 3, caseInsensitive: ["solution"], duplicates: .replace)
  static let requirementTable = EnvironmentTable(
    "requirement", columns: ["solution", "type", "name"], keyCount: 3,
    caseInsensitive: ["solution"], duplicates: .ignore)
  static let environmentVariableTable = EnvironmentTable(
    "environmentvariable",
    columns: ["schemaname", "solution", "type", "defaultvalue", "currentvalue", "isrequired"],
    keyCount: 1, caseInsensitive: ["schemaname"])
  static let connectionReferenceTable = EnvironmentTable(
    "connectionreference", columns: ["logicalname", "solution", "connectorid", "connectionid"],
    keyCount: 1, caseInsensitive: ["logicalname"])
  static let credentialTable = EnvironmentTable(
    "credential",
    columns: [
      "name", "solution", "store", "connectiontype", "usagetypes", "usernamevariable",
      "passwordvariable", "certificatevariable",
    ], keyCount: 1, caseInsensitive: ["name"])
  static let flowTable = EnvironmentTable(
    "flow", columns: ["id", "solution", "name", "kind", "ison", "reasons"], keyCount: 1)

  /// Makes the tables hold `state`, writing only rows that changed; solution entries
  /// are written only for the solutions named in `entries` (and dropped with their
  /// solution). Returns how many rows it wrote or deleted.
  @discardableResult
  static func replace(
    _ db: Database, with state: EnvironmentState, entries: [String: [StoredEntry]]
  ) throws -> Int {
    var written = 0
    let kept = Set(state.solutions.map { $0.uniqueName.lowercasedName })
    for name in try String.fetchAll(db, sql: "SELECT uniquename FROM solution")
    where !kept.contains(name.lowercasedName) {
      try db.execute(sql: "DELETE FROM solutionentry WHERE solution = ?", arguments: [name])
    }
    // Solutions first: components and requirements point at them, and a removed
    // solution takes its rows along (ON DELETE CASCADE). Each table's rows are built
    // and keyed on other threads, all started now, while this one writes the tables
    // before it: that was a third of a new environment's commit.
    // A table that holds no rows (each one, in a new environment) takes its rows
    // unkeyed: there is nothing to compare them with.
    let tables = typedTables(state) + sharingTables(state)
    let prepared = try tables.map { table, rows in
      let empty = try table.isEmpty(db)
      return (
        table,
        BackgroundTask { empty ? table.wanted(intoEmpty: rows()) : try table.wanted(rows()) }
      )
    }
    do {
      for (table, wanted) in prepared {
        written += try table.sync(db, wanted: wanted.value())
      }
    } catch {
      for (_, wanted) in prepared { wanted.wait() }
      throw error
    }
    // Tens of thousands of rows (and their keys): freeing them here cost the writer 56 M
    // instructions at 10,000 components.
    freeElsewhere(consume prepared)
    for (solution, list) in entries {
      written += try writeEntries(db, solution: solution, list)
    }
    return written
  }

  /// Each typed table, in the order a commit writes them, with the rows `state` wants in it.
  typealias TableRows = (EnvironmentTable, @Sendable () -> [[DatabaseValue]])

  private static func typedTables(_ state: EnvironmentState) -> [TableRows] {
    [
      (
        solutionTable,
        {
          let formatter = ISO8601DateFormatter()
          return state.solutions.map {
            [
              $0.uniqueName.databaseValue, $0.displayName.databaseValue,
              $0.version.databaseValue, $0.managed.databaseValue, $0.publisher.databaseValue,
              formatter.string(from: $0.installedAt).databaseValue, $0.provided.databaseValue,
            ]
          }
        }
      ),
      (
        componentTable,
        {
          // A layer counts within its component, so adding one component leaves every
          // other component's rows as they were.
          var layers: [ComponentKey: Int] = [:]
          return state.components.map { component in
            let layer = layers[component.key, default: 0]
            layers[component.key] = layer + 1
            return [
              component.key.type.databaseValue, component.key.name.databaseValue,
              component.solution.databaseValue, component.managed.databaseValue,
              component.displayName.databaseValue, layer.databaseValue,
            ]
          }
        }
      ),
      (
        requirementTable,
        {
          state.requirements.map {
            [$0.solution, $0.key.type, $0.key.name].map { $0.databaseValue }
          }
        }
      ),
      (
        environmentVariableTable,
        {
          state.environmentVariables.map {
            [
              $0.schemaName.databaseValue, $0.solution.databaseValue, $0.type.databaseValue,
              $0.defaultValue.databaseValue, $0.currentValue.databaseValue,
              $0.isRequired.databaseValue,
            ]
          }
        }
      ),
      (
        connectionReferenceTable,
        {
          state.connectionReferences.map {
            [$0.logicalName, $0.solution, $0.connectorID, $0.connectionID].map {
              $0.databaseValue
            }
          }
        }
      ),
      (
        credentialTable,
        {
          state.credentials.map {
            [
              $0.name.databaseValue, $0.solution.databaseValue, $0.store.databaseValue,
              $0.connectionType.databaseValue,
              $0.usageTypes.map(String.init).joined(separator: ",").databaseValue,
              $0.usernameVariable.databaseValue, $0.passwordVariable.databaseValue,
              $0.certificateVariable.databaseValue,
            ]
          }
        }
      ),
      (
        flowTable,
        {
          state.flows.map {
            [
              $0.id.databaseValue, $0.solution.databaseValue, $0.name.databaseValue,
              $0.kind.databaseValue, $0.isOn.databaseValue,
              $0.reasons.joined(separator: "\n").databaseValue,
            ]
          }
        }
      ),
    ]
  }

  /// A solution's archive entries: an entry whose bytes are already stored is not
  /// written again, so re-importing a solution writes only what changed in it.
  /// `between` runs before each entry and may throw to stop.
  @discardableResult
  static func writeEntries(
    _ db: Database, solution: String, _ list: [StoredEntry], between: () throws -> Void = {}
  ) throws -> Int {
    var written = 0
    var stored: [String: Int] = [:]
    for row in try Row.fetchAll(
      db, sql: "SELECT path, length(data) AS size FROM solutionentry WHERE solution = ?",
      arguments: [solution])
    {
      stored[row["path"]] = row["size"]
    }
    let current = try db.cachedStatement(
      sql: "SELECT data FROM solutionentry WHERE solution = ? AND path = ?")
    let upsert = try db.cachedStatement(
      sql: """
        INSERT INTO solutionentry (solution, path, data) VALUES (?, ?, ?)
        ON CONFLICT(solution, path) DO UPDATE SET data = excluded.data
        """)
    try EntryLoader.forEach(list) { entry, data in
      try between()
      if stored.removeValue(forKey: entry.path) == data.count,
        try Data.fetchOne(current, arguments: [solution, entry.path]) == data
      {
        return
      }
      try upsert.run([solution.databaseValue, entry.path.databaseValue, data.databaseValue])
      written += 1
    }
    let delete = try db.cachedStatement(
      sql: "DELETE FROM solutionentry WHERE solution = ? AND path = ?")
    for path in stored.keys {
      try delete.execute(arguments: [solution, path])
    }
    return written + stored.count
  }

  /// The report as `record` stores it.
  static func encoded(_ run: ImportReport) throws -> String {
    String(decoding: try encoder.encode(run), as: UTF8.self)
  }

  /// Stores `run`, given as `encoded(run)`.
  static func record(_ db: Database, run: ImportReport, json report: String) throws {
    try db.execute(
      sql: "INSERT INTO importrun (startedat, outcome, report) VALUES (?, ?, ?)",
      arguments: [ISO8601DateFormatter().string(from: run.startedAt), run.outcome.rawValue, report])
  }
}
