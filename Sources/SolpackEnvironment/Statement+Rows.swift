import GRDB
import GRDBSQLite

extension Statement {
  /// Runs this statement once with `values` bound to its parameters in order, through
  /// SQLite's C API: GRDB's `execute(arguments:)` built `StatementArguments` and went
  /// through its observation hooks for every row, two thirds of a commit's cost. Binds
  /// as GRDB binds (text up to its first NUL, values copied); for statements that
  /// return no rows (INSERT, DELETE) inside a transaction GRDB opened.
  func run(_ values: [DatabaseValue]) throws {
    let statement = sqliteStatement
    sqlite3_reset(statement)
    for (index, value) in zip(CInt(1)..., values) {
      let code: CInt
      switch value.storage {
      case .null: code = sqlite3_bind_null(statement, index)
      case .int64(let number): code = sqlite3_bind_int64(statement, index, number)
      case .double(let number): code = sqlite3_bind_double(statement, index, number)
      case .string(let text):
        // withCString passes a native string's own bytes; the implicit conversion copied.
        code = text.withCString { sqlite3_bind_text(statement, index, $0, -1, transient) }
      case .blob(let data):
        code = data.withUnsafeBytes {
          sqlite3_bind_blob(statement, index, $0.baseAddress, CInt($0.count), transient)
        }
      }
      guard code == SQLITE_OK else { throw failure(code) }
    }
    let code = sqlite3_step(statement)
    guard code == SQLITE_DONE else { throw failure(code) }
    sqlite3_reset(statement)
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
