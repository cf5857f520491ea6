import Foundation
import GRDB

/// Reads and writes of the v2 tables: access, dependency, secretrotation.
extension EnvironmentSchema {
  static func loadSharing(_ db: Database, into state: inout EnvironmentState) throws {
    let formatter = ISO8601DateFormatter()
    func date(_ text: String?) -> Date {
      text.flatMap(formatter.date(from:)) ?? Date(timeIntervalSince1970: 0)
    }
    state.access = try Row.fetchAll(db, sql: "SELECT * FROM access ORDER BY type, name, principal")
      .compactMap { row in
        guard let role = AccessRole(rawValue: row["role"]) else { return nil }
        return AccessRecord(
          key: ComponentKey(type: row["type"], name: row["name"]), principal: row["principal"],
          role: role, grantedBy: row["grantedby"], grantedAt: date(row["grantedat"]))
      }
    state.dependencies = try Row.fetchAll(
      db,
      sql:
        "SELECT * FROM dependency ORDER BY solution, dependenttype, dependentname, requiredtype, requiredname"
    ).map { row in
      DependencyRecord(
        solution: row["solution"],
        dependent: ComponentKey(type: row["dependenttype"], name: row["dependentname"]),
        dependentName: row["dependentdisplay"],
        required: ComponentKey(type: row["requiredtype"], name: row["requiredname"]))
    }
    state.rotations = try Row.fetchAll(db, sql: "SELECT * FROM secretrotation ORDER BY id").map {
      row in
      SecretRotationRecord(
        key: ComponentKey(type: row["type"], name: row["name"]), variable: row["variable"],
        vault: row["vault"], secret: row["secret"], version: row["version"],
        recordedAt: date(row["recordedat"]), recordedBy: row["recordedby"])
    }
  }

  static func replaceSharing(_ db: Database, with state: EnvironmentState) throws {
    let formatter = ISO8601DateFormatter()
    for table in ["access", "dependency", "secretrotation"] {
      try db.execute(sql: "DELETE FROM \(table)")
    }
    for record in state.access {
      try db.execute(
        sql: "INSERT OR REPLACE INTO access VALUES (?, ?, ?, ?, ?, ?)",
        arguments: [
          record.key.type, record.key.name, record.principal, record.role.rawValue,
          record.grantedBy, formatter.string(from: record.grantedAt),
        ])
    }
    for record in state.dependencies {
      try db.execute(
        sql: "INSERT OR IGNORE INTO dependency VALUES (?, ?, ?, ?, ?, ?)",
        arguments: [
          record.solution, record.dependent.type, record.dependent.name, record.dependentName,
          record.required.type, record.required.name,
        ])
    }
    for record in state.rotations {
      try db.execute(
        sql:
          "INSERT INTO secretrotation (type, name, variable, vault, secret, version, recordedat, recordedby) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        arguments: [
          record.key.type, record.key.name, record.variable, record.vault, record.secret,
          record.version, formatter.string(from: record.recordedAt), record.recordedBy,
        ])
    }
  }

  static func apply(_ db: Database, edits: [EntryEdit]) throws {
    for edit in edits {
      if let data = edit.data {
        try db.execute(
          sql: "INSERT OR REPLACE INTO solutionentry (solution, path, data) VALUES (?, ?, ?)",
          arguments: [edit.solution, edit.path, data])
      } else {
        try db.execute(
          sql: "DELETE FROM solutionentry WHERE solution = ? AND path = ?",
          arguments: [edit.solution, edit.path])
      }
    }
  }
}
