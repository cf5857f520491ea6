import Foundation
import GRDB

/// One typed table of the environment as a commit sees it: which columns make its key,
/// so a commit compares the rows it has with the rows the state wants and writes only
/// the difference, through prepared statements. Rewriting every table on every import
/// made a small re-import cost as much as the first one.
struct EnvironmentTable {
  /// What a commit does when the state holds two rows with one key.
  enum Duplicates {
    /// The later row wins (the old `INSERT OR REPLACE`).
    case replace
    /// The first row wins (the old `INSERT OR IGNORE`).
    case ignore
    /// The commit fails, as a plain `INSERT` did.
    case fail
  }

  let name: String
  let columns: [String]
  /// How many of `columns`, from the first, make the primary key.
  let keyCount: Int
  /// Key columns declared `COLLATE NOCASE`: their keys match without case.
  let caseInsensitive: Set<String>
  let duplicates: Duplicates

  init(
    _ name: String, columns: [String], keyCount: Int, caseInsensitive: Set<String> = [],
    duplicates: Duplicates = .fail
  ) {
    self.name = name
    self.columns = columns
    self.keyCount = keyCount
    self.caseInsensitive = caseInsensitive
    self.duplicates = duplicates
  }

  private var keyColumns: ArraySlice<String> { columns[..<keyCount] }

  /// The rows a commit wants in the table, by key, without duplicates: worked out apart
  /// from the database, so a commit prepares the next table on another core while it
  /// writes this one.
  struct Wanted: Sendable {
    fileprivate var rows: [[DatabaseValue]: [DatabaseValue]] = [:]
    /// The keys in the order their first row came, and the row each one keeps.
    fileprivate var order: [[DatabaseValue]] = []
    fileprivate var ordered: [[DatabaseValue]] = []
  }

  /// `rows` (values in `columns` order) keyed, duplicates resolved as `duplicates` says.
  func wanted(_ rows: [[DatabaseValue]]) throws -> Wanted {
    var wanted = Wanted()
    wanted.rows.reserveCapacity(rows.count)
    wanted.order.reserveCapacity(rows.count)
    for row in rows {
      let key = self.key(row)
      if wanted.rows[key] == nil {
        wanted.order.append(key)
      } else {
        switch duplicates {
        case .ignore: continue
        case .replace: break
        case .fail:
          throw DatabaseError(
            resultCode: .SQLITE_CONSTRAINT,
            message: "UNIQUE constraint failed: \(name).\(keyColumns.joined(separator: ", "))")
        }
      }
      wanted.rows[key] = row
    }
    wanted.ordered = wanted.order.map { wanted.rows[$0]! }
    return wanted
  }

  /// Makes the table hold exactly `rows` (values in `columns` order): deletes the rows
  /// whose key is gone, inserts new keys, updates rows whose values changed, and leaves
  /// equal rows alone. Returns how many rows it wrote or deleted.
  @discardableResult
  func sync(_ db: Database, rows: [[DatabaseValue]]) throws -> Int {
    try sync(db, wanted: wanted(rows))
  }

  /// `sync` with the rows already keyed by `wanted(_:)`.
  @discardableResult
  func sync(_ db: Database, wanted prepared: Wanted) throws -> Int {
    let wanted = prepared.rows
    var existing: [[DatabaseValue]: [DatabaseValue]] = [:]
    let rowsNow = try Row.fetchCursor(
      db, sql: "SELECT \(columns.joined(separator: ", ")) FROM \(name)")
    while let row = try rowsNow.next() {
      let values = Array(row.databaseValues)
      existing[key(values)] = values
    }
    var written = 0
    let insert = """
      INSERT INTO \(name) (\(columns.joined(separator: ", ")))
      VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))
      """
    if existing.isEmpty {
      // A table that was empty (each one, in a new environment): nothing to compare,
      // and no key can conflict, `wanted` having kept one row per key. A plain INSERT
      // saves SQLite the upsert's conflict clause (576 M → 556 M at 10,000 components).
      let plain = try db.cachedStatement(sql: insert)
      for row in prepared.ordered { try plain.run(row) }
      return prepared.ordered.count
    }
    let upsert = try db.cachedStatement(
      sql: insert + """
         ON CONFLICT(\(keyColumns.joined(separator: ", ")))
        DO UPDATE SET \(columns.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
        """)
    let delete = try db.cachedStatement(
      sql: "DELETE FROM \(name) WHERE "
        + keyColumns.map { "\($0) = ?" }.joined(separator: " AND "))
    for (key, row) in existing where wanted[key] == nil {
      try delete.run(Array(row[..<keyCount]))
      written += 1
    }
    for (key, row) in zip(prepared.order, prepared.ordered) {
      if existing[key] == row { continue }
      try upsert.run(row)
      written += 1
    }
    return written
  }

  /// The key a row has in the table: NOCASE columns folded as SQLite folds them (ASCII
  /// letters only), so two keys are one here exactly when they are one in the table.
  private func key(_ row: [DatabaseValue]) -> [DatabaseValue] {
    zip(keyColumns, row).map { column, value in
      guard caseInsensitive.contains(column), case .string(let text) = value.storage else {
        return value
      }
      let folded = text.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
      return String(decoding: folded, as: UTF8.self).databaseValue
    }
  }
}
