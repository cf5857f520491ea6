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

  /// How many rows one INSERT into an empty table takes.
  static let batch = 64

  /// The rows a commit wants in the table: as given, for a table that held no rows
  /// (SQLite resolves their duplicate keys), or by key without duplicates, so a commit
  /// compares them with the rows the table has. Worked out apart from the database, so
  /// a commit prepares the next table on another core while it writes this one.
  struct Wanted: Sendable {
    fileprivate var rows: [[DatabaseValue]: [DatabaseValue]]? = nil
    /// The keys in the order their first row came, and the row each one keeps.
    fileprivate var order: [[DatabaseValue]] = []
    fileprivate var ordered: [[DatabaseValue]] = []
  }

  /// Whether the table holds any row: a commit keys rows only for tables that do.
  func isEmpty(_ db: Database) throws -> Bool {
    try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(name))") ?? false)
  }

  /// `rows` (values in `columns` order) for a table that held none: no keys to compare.
  /// Keying 37,000 rows was 330 M instructions at 10,000 components, for tables that a
  /// new environment has all empty.
  func wanted(intoEmpty rows: [[DatabaseValue]]) -> Wanted {
    Wanted(ordered: rows)
  }

  /// `rows` (values in `columns` order) keyed, duplicates resolved as `duplicates` says.
  func wanted(_ rows: [[DatabaseValue]]) throws -> Wanted {
    var keyed: [[DatabaseValue]: [DatabaseValue]] = [:]
    var wanted = Wanted()
    keyed.reserveCapacity(rows.count)
    wanted.order.reserveCapacity(rows.count)
    for row in rows {
      let key = self.key(row)
      if keyed[key] == nil {
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
      keyed[key] = row
    }
    wanted.ordered = wanted.order.map { keyed[$0]! }
    wanted.rows = keyed
    return wanted
  }

  /// Makes the table hold exactly the rows prepared by `wanted(_:)`: deletes the rows
  /// whose key is gone, inserts new keys, updates rows whose values changed, and leaves
  /// equal rows alone; or, prepared by `wanted(intoEmpty:)` for a table that has stayed
  /// empty since, inserts them. Returns how many rows it wrote or deleted.
  @discardableResult
  func sync(_ db: Database, wanted prepared: Wanted) throws -> Int {
    guard let wanted = prepared.rows else { return try fill(db, with: prepared.ordered) }
    var existing: [[DatabaseValue]: [DatabaseValue]] = [:]
    let rowsNow = try Row.fetchCursor(
      db, sql: "SELECT \(columns.joined(separator: ", ")) FROM \(name)")
    while let row = try rowsNow.next() {
      let values = Array(row.databaseValues)
      existing[key(values)] = values
    }
    var written = 0
    let upsert = try db.cachedStatement(sql: insert(rows: 1) + updateOnConflict)
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

  /// Inserts `rows` into the table, which is empty, `batch` rows per statement: one
  /// statement per row cost SQLite more than its b-tree work. The table's key settles
  /// a duplicate as `duplicates` says: the upsert keeps the later row in the first
  /// one's place, DO NOTHING the first row, and a plain INSERT fails the commit.
  private func fill(_ db: Database, with rows: [[DatabaseValue]]) throws -> Int {
    func statement(rows count: Int) throws -> Statement {
      let sql =
        switch duplicates {
        case .replace: insert(rows: count) + updateOnConflict
        case .ignore: insert(rows: count) + " ON CONFLICT DO NOTHING"
        case .fail: insert(rows: count)
        }
      return try db.cachedStatement(sql: sql)
    }
    // The table's own indexes (not its key's) are built once after the rows: kept up
    // to date row by row, in the rows' order, they cost a random insert each.
    let indexes = try Row.fetchAll(
      db,
      sql: """
        SELECT name, sql FROM sqlite_master
        WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL
        """,
      arguments: [name]
    ).map { (name: $0["name"] as String, sql: $0["sql"] as String) }
    for index in indexes { try db.execute(sql: "DROP INDEX \(index.name)") }
    let before = db.totalChangesCount
    var start = rows.startIndex
    if rows.count >= Self.batch {
      let batched = try statement(rows: Self.batch)
      while rows.endIndex - start >= Self.batch {
        try batched.run(rows: rows[start..<start + Self.batch])
        start += Self.batch
      }
    }
    if start < rows.endIndex {
      let single = try statement(rows: 1)
      for row in rows[start...] { try single.run(row) }
    }
    let written = db.totalChangesCount - before
    for index in indexes { try db.execute(sql: index.sql) }
    return written
  }

  /// `INSERT INTO` the table's columns, with `count` lists of parameters.
  private func insert(rows count: Int) -> String {
    let row = "(\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))"
    let values = Array(repeating: row, count: count).joined(separator: ", ")
    return "INSERT INTO \(name) (\(columns.joined(separator: ", "))) VALUES \(values)"
  }

  /// The upsert's clause: a row whose key is there replaces that row's values.
  private var updateOnConflict: String {
    """
     ON CONFLICT(\(keyColumns.joined(separator: ", ")))
    DO UPDATE SET \(columns.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
    """
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
