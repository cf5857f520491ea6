import Foundation
import GRDB
import SolpackArchive

/// Every row of every table of an environment file, as sorted text, for comparing
/// states; and SQLite's own `integrity_check`. Opening the file is what any solpack
/// command does first, so a hot journal left by a crash is rolled back here too.
struct EnvironmentDump: Equatable, CustomStringConvertible {
  var rows: [String]
  var integrity: [String]

  /// Times of this run differ from those of the same run made earlier: a value of a
  /// time column or a report's `startedAt` not in `keeping` reads `<time>`.
  static func read(_ path: String, keeping times: Set<String> = []) throws -> EnvironmentDump {
    guard FileManager.default.fileExists(atPath: path) else {
      return EnvironmentDump(rows: [], integrity: ["ok"])
    }
    let queue = try DatabaseQueue(path: path)
    return try queue.read { db in
      let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
      var rows: [String] = []
      let tables = try String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      for table in tables {
        for row in try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"") {
          let cells = row.columnNames.map { column -> String in
            let value: DatabaseValue = row[column]
            return "\(column)=\(cell(value, column: column, keeping: times))"
          }
          rows.append("\(table): " + cells.joined(separator: " | "))
        }
      }
      return EnvironmentDump(rows: rows.sorted(), integrity: integrity)
    }
  }

  /// The run times in an environment: what `read` keeps when comparing with it.
  static func times(_ path: String) throws -> Set<String> {
    guard FileManager.default.fileExists(atPath: path) else { return [] }
    return try DatabaseQueue(path: path).read { db in
      var times = Set<String>()
      for (table, column) in timeColumns where try db.tableExists(table) {
        times.formUnion(try String.fetchAll(db, sql: "SELECT \(column) FROM \(table)"))
      }
      return times
    }
  }

  /// Columns that hold when something happened (v2 adds who shared what when).
  static let timeColumns: [(table: String, column: String)] = [
    ("solution", "installedat"), ("importrun", "startedat"), ("access", "grantedat"),
    ("secretrotation", "recordedat"),
  ]

  private static func cell(_ value: DatabaseValue, column: String, keeping times: Set<String>)
    -> String
  {
    switch value.storage {
    case .null: return "NULL"
    case .int64(let number): return "\(number)"
    case .double(let number): return "\(number)"
    case .blob(let data): return "blob(\(data.count) bytes, crc \(CRC32.checksum(data)))"
    case .string(let text):
      if timeColumns.contains(where: { $0.column == column }) {
        return times.contains(text) ? text : "<time>"
      }
      if column == "report" {
        return text.replacing(/"startedAt":"([^"]*)"/) { match in
          times.contains(String(match.output.1)) ? String(match.output.0) : #""startedAt":"<time>""#
        }
      }
      return text
    }
  }

  var description: String { (integrity + rows).joined(separator: "\n") }
}
