import Foundation
import SolpackEnvironment

extension ImportReport {
  /// The versioned report for scripts (docs/import-report.md): sorted keys, so the same
  /// report always gives the same bytes; dates in ISO 8601.
  func json() throws -> String { try jsonText() }
}
