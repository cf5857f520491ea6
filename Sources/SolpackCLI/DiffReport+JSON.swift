import Foundation
import SolpackDiff
import SolpackModel

extension DiffReport {
  /// The versioned report for scripts (docs/diff-schema.md): sorted keys, so the same diff
  /// always gives the same bytes.
  func json() throws -> String { try JSONOutput(self).jsonText() }

  /// What `--format json` writes: every field of the report, plus `identical` and `stat`
  /// keyed by the kind's raw value (`cloud-flow`), since `[Kind: Stat]` would encode as an
  /// array of alternating keys and values. Decodable, so tests and scripts in Swift can read
  /// a report back.
  struct JSONOutput: Codable, Equatable {
    var schemaVersion: Int
    var a: String
    var b: String
    var identical: Bool
    var stat: [String: Stat]
    var changes: [ComponentChange]
    var diagnostics: [Diagnostic]

    init(_ report: DiffReport) {
      schemaVersion = report.schemaVersion
      a = report.a
      b = report.b
      identical = report.identical
      stat = Dictionary(uniqueKeysWithValues: report.stat.map { ($0.key.rawValue, $0.value) })
      // A note stands in for the values (a Secret's): they are dropped even when set.
      changes = report.changes.map { change in
        var change = change
        change.fields = change.fields.map { field in
          guard field.note != nil else { return field }
          return FieldChange(path: field.path, note: field.note)
        }
        return change
      }
      diagnostics = report.diagnostics
    }

    /// The report it describes.
    var report: DiffReport {
      var report = DiffReport(a: a, b: b, changes: changes, diagnostics: diagnostics)
      report.schemaVersion = schemaVersion
      return report
    }
  }
}
