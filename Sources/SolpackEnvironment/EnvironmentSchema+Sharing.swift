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
    state.rotations = try Row.fetchAll(
      db, sql: "SELECT * FROM secretrotation ORDER BY recordedat, rowid"
    ).map {
      row in
      SecretRotationRecord(
        key: ComponentKey(type: row["type"], name: row["name"]), variable: row["variable"],
        vault: row["vault"], secret: row["secret"], version: row["version"],
        recordedAt: date(row["recordedat"]), recordedBy: row["recordedby"])
    }
  }

  // The v2 tables, each with its key as the migration declares it.
  static let accessTable = EnvironmentTable(
    "access", columns: ["type", "name", "principal", "role", "grantedby", "grantedat"],
    keyCount: 3, caseInsensitive: ["principal"], duplicates: .replace)
  static let dependencyTable = EnvironmentTable(
    "dependency",
    columns: [
      "solution", "dependenttype", "dependentname", "requiredtype", "requiredname",
      "dependentdisplay",
    ], keyCount: 5, caseInsensitive: ["solution"], duplicates: .ignore)
  /// Two notices for one component in the same second: the later one is kept.
  static let rotationTable = EnvironmentTable(
    "secretrotation",
    columns: [
      "type", "name", "variable", "recordedat", "vault", "secret", "version", "recordedby",
    ], keyCount: 4, caseInsensitive: ["variable"], duplicates: .replace)

  /// The v2 tables, in the order a commit writes them, with the rows `state` wants.
  static func sharingTables(_ state: EnvironmentState) -> [TableRows] {
    // One import grants every access at one instant: each date is formatted once.
    @Sendable func texts(_ dates: [Date]) -> [Date: String] {
      let formatter = ISO8601DateFormatter()
      var texts: [Date: String] = [:]
      for date in dates where texts[date] == nil { texts[date] = formatter.string(from: date) }
      return texts
    }
    return [
      (
        accessTable,
        {
          let text = texts(state.access.map(\.grantedAt))
          return state.access.map {
            [
              $0.key.type.databaseValue, $0.key.name.databaseValue, $0.principal.databaseValue,
              $0.role.rawValue.databaseValue, $0.grantedBy.databaseValue,
              text[$0.grantedAt]!.databaseValue,
            ]
          }
        }
      ),
      (
        dependencyTable,
        {
          state.dependencies.map {
            [
              $0.solution, $0.dependent.type, $0.dependent.name, $0.required.type,
              $0.required.name, $0.dependentName,
            ].map { $0.databaseValue }
          }
        }
      ),
      (
        rotationTable,
        {
          let text = texts(state.rotations.map(\.recordedAt))
          return state.rotations.map {
            [
              $0.key.type.databaseValue, $0.key.name.databaseValue, $0.variable.databaseValue,
              text[$0.recordedAt]!.databaseValue, $0.vault.databaseValue,
              $0.secret.databaseValue, $0.version.databaseValue, $0.recordedBy.databaseValue,
            ]
          }
        }
      ),
    ]
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
