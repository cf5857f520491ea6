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
            id INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT NOT NULL, name TEXT NOT NULL,
            variable TEXT NOT NULL, vault TEXT NOT NULL, secret TEXT NOT NULL, version TEXT,
            recordedat TEXT NOT NULL, recordedby TEXT NOT NULL);
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

  /// Writes `state` over the tables; solution entries are replaced only for the
  /// solutions named in `entries` (and dropped with their solution).
  static func replace(
    _ db: Database, with state: EnvironmentState, entries: [String: [StoredEntry]]
  ) throws {
    for table in [
      "component", "requirement", "environmentvariable", "connectionreference", "credential",
      "flow",
    ] {
      try db.execute(sql: "DELETE FROM \(table)")
    }
    let kept = Set(state.solutions.map { $0.uniqueName.lowercased() })
    for name in try String.fetchAll(db, sql: "SELECT uniquename FROM solution")
    where !kept.contains(name.lowercased()) {
      try db.execute(sql: "DELETE FROM solution WHERE uniquename = ?", arguments: [name])
      try db.execute(sql: "DELETE FROM solutionentry WHERE solution = ?", arguments: [name])
    }
    let formatter = ISO8601DateFormatter()
    for solution in state.solutions {
      try db.execute(
        sql: """
          INSERT INTO solution (uniquename, displayname, version, managed, publisher, installedat, provided)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT(uniquename) DO UPDATE SET displayname = excluded.displayname,
            version = excluded.version, managed = excluded.managed, publisher = excluded.publisher,
            installedat = excluded.installedat, provided = excluded.provided
          """,
        arguments: [
          solution.uniqueName, solution.displayName, solution.version, solution.managed,
          solution.publisher, formatter.string(from: solution.installedAt), solution.provided,
        ])
    }
    for (layer, component) in state.components.enumerated() {
      try db.execute(
        sql:
          "INSERT OR REPLACE INTO component (type, name, solution, managed, displayname, layer) VALUES (?, ?, ?, ?, ?, ?)",
        arguments: [
          component.key.type, component.key.name, component.solution, component.managed,
          component.displayName, layer,
        ])
    }
    for requirement in state.requirements {
      try db.execute(
        sql: "INSERT OR IGNORE INTO requirement (solution, type, name) VALUES (?, ?, ?)",
        arguments: [requirement.solution, requirement.key.type, requirement.key.name])
    }
    for variable in state.environmentVariables {
      try db.execute(
        sql: "INSERT INTO environmentvariable VALUES (?, ?, ?, ?, ?, ?)",
        arguments: [
          variable.schemaName, variable.solution, variable.type, variable.defaultValue,
          variable.currentValue,
          variable.isRequired,
        ])
    }
    for reference in state.connectionReferences {
      try db.execute(
        sql: "INSERT INTO connectionreference VALUES (?, ?, ?, ?)",
        arguments: [
          reference.logicalName, reference.solution, reference.connectorID, reference.connectionID,
        ])
    }
    for credential in state.credentials {
      try db.execute(
        sql: "INSERT INTO credential VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        arguments: [
          credential.name, credential.solution, credential.store, credential.connectionType,
          credential.usageTypes.map(String.init).joined(separator: ","),
          credential.usernameVariable,
          credential.passwordVariable, credential.certificateVariable,
        ])
    }
    for flow in state.flows {
      try db.execute(
        sql: "INSERT INTO flow VALUES (?, ?, ?, ?, ?, ?)",
        arguments: [
          flow.id, flow.solution, flow.name, flow.kind, flow.isOn,
          flow.reasons.joined(separator: "\n"),
        ])
    }
    try replaceSharing(db, with: state)
    for (solution, list) in entries {
      try db.execute(sql: "DELETE FROM solutionentry WHERE solution = ?", arguments: [solution])
      for entry in list {
        try db.execute(
          sql: "INSERT INTO solutionentry (solution, path, data) VALUES (?, ?, ?)",
          arguments: [solution, entry.path, try entry.load()])
      }
    }
  }

  static func record(_ db: Database, run: ImportReport) throws {
    let report = String(decoding: try encoder.encode(run), as: UTF8.self)
    try db.execute(
      sql: "INSERT INTO importrun (startedat, outcome, report) VALUES (?, ?, ?)",
      arguments: [ISO8601DateFormatter().string(from: run.startedAt), run.outcome.rawValue, report])
  }
}
