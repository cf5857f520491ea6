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

  /// Makes the v2 tables hold `state`'s access, dependencies and rotations, writing
  /// only what changed. Returns how many rows it wrote or deleted.
  static func replaceSharing(_ db: Database, with state: EnvironmentState) throws -> Int {
    let formatter = ISO8601DateFormatter()
    // One import grants every access at one instant: format each date once.
    var dates: [Date: String] = [:]
    func text(_ date: Date) -> String {
      if let known = dates[date] { return known }
      let text = formatter.string(from: date)
      dates[date] = text
      return text
    }
    var written = try accessTable.sync(
      db,
      rows: state.access.map {
        [
          $0.key.type.databaseValue, $0.key.name.databaseValue, $0.principal.databaseValue,
          $0.role.rawValue.databaseValue, $0.grantedBy.databaseValue,
          text($0.grantedAt).databaseValue,
        ]
      })
    written += try dependencyTable.sync(
      db,
      rows: state.dependencies.map {
        [
          $0.solution, $0.dependent.type, $0.dependent.name, $0.required.type, $0.required.name,
          $0.dependentName,
        ].map { $0.databaseValue }
      })
    written += try rotationTable.sync(
      db,
      rows: state.rotations.map {
        [
          $0.key.type.databaseValue, $0.key.name.databaseValue, $0.variable.databaseValue,
          text($0.recordedAt).databaseValue, $0.vault.databaseValue,
          $0.secret.databaseValue, $0.version.databaseValue, $0.recordedBy.databaseValue,
        ]
      })
    return written
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
