import GRDB
import GRDBSQLite

extension Statement {
  /// Runs this statement once with `values` bound to its parameters in order, through
  /// SQLite's C API: GRDB's `execute(arguments:)` built `StatementArguments` and went
  /// through its observation hooks for every row, two thirds of a commit's cost. Binds
  /// as GRDB binds (text up to its first NUL); for statements that
  /// return no rows (INSERT, DELETE) inside a transaction GRDB opened.
  func run(_ values: [DatabaseValue]) throws {
    try run(rows: CollectionOfOne(values))
  }

  /// Runs this statement once with the values of `rows`, one after another, bound to
  /// its parameters in order: for an INSERT of as many rows as it has `VALUES` lists.
  func run<Rows: Collection<[DatabaseValue]>>(rows: Rows) throws {
    let statement = sqliteStatement
    sqlite3_reset(statement)
    // The rows' texts are copied into one buffer and bound in place (`SQLITE_STATIC`):
    // binding each one as a copy (`SQLITE_TRANSIENT`) made SQLite allocate for every
    // value, a sixth of a new environment's commit.
    var length = 0
    for values in rows {
      for value in values {
        if case .string(let text) = value.storage { length += text.utf8.count }
      }
    }
    let texts = UnsafeMutableRawBufferPointer.allocate(byteCount: max(length, 1), alignment: 1)
    defer { texts.deallocate() }
    var offset = 0
    var index: CInt = 1
    for values in rows {
      for value in values {
        let code: CInt
        switch value.storage {
        case .null: code = sqlite3_bind_null(statement, index)
        case .int64(let number): code = sqlite3_bind_int64(statement, index, number)
        case .double(let number): code = sqlite3_bind_double(statement, index, number)
        case .string(let text):
          let bytes = UnsafeMutableRawBufferPointer(
            rebasing: texts[offset..<offset + text.utf8.count])
          bytes.copyBytes(from: text.utf8)
          offset += bytes.count
          // Up to the first NUL, as GRDB binds text.
          let count = bytes.firstIndex(of: 0) ?? bytes.count
          code = sqlite3_bind_text(
            statement, index, bytes.baseAddress!.assumingMemoryBound(to: CChar.self),
            CInt(count), nil)
        case .blob(let data):
          code = data.withUnsafeBytes {
            sqlite3_bind_blob(statement, index, $0.baseAddress, CInt($0.count), transient)
          }
        }
        guard code == SQLITE_OK else { throw failure(code) }
        index += 1
      }
    }
    let code = sqlite3_step(statement)
    guard code == SQLITE_DONE else { throw failure(code) }
    sqlite3_reset(statement)
    // The buffer is freed on return: leave no pointer to it behind.
    sqlite3_clear_bindings(statement)
  }

  private var transient: sqlite3_destructor_type {
    unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
  }

  private func failure(_ code: CInt) -> DatabaseError {
    let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(sqliteStatement)))
    sqlite3_reset(sqliteStatement)
    return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
  }
}
