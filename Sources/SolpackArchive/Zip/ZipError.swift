import Foundation
import SolpackModel

/// Builds the `DiagnosticError`s thrown by the zip layer. Ids are stable kebab-case so
/// reports and scripts can key on them.
enum ZipError {
  static func make(_ id: String, _ message: String, entry: String?, hint: String)
    -> DiagnosticError
  {
    DiagnosticError(Diagnostic.error(id, message, entry: entry, hint: hint))
  }

  static func notAnArchive(_ archive: String, _ message: String) -> DiagnosticError {
    make(
      "zip-not-an-archive", message, entry: archive,
      hint: "Pass a solution .zip exported from Power Platform (or packed by solpack).")
  }

  static func truncated(_ entry: String, _ message: String) -> DiagnosticError {
    make(
      "zip-truncated", message, entry: entry,
      hint: "The archive is incomplete; download or export it again.")
  }

  static func corrupt(_ entry: String, _ message: String) -> DiagnosticError {
    make(
      "zip-corrupt", message, entry: entry,
      hint: "The archive is damaged or was written by a faulty tool; export it again.")
  }

  /// A ZIP64 record or field that is missing, short or points nowhere.
  static func zip64(_ entry: String, _ message: String) -> DiagnosticError {
    make(
      "zip-zip64-invalid", message, entry: entry,
      hint: "The archive's ZIP64 fields contradict it; export or download it again.")
  }

  /// Local header and central directory describe one entry differently.
  static func headerMismatch(_ entry: String, _ message: String) -> DiagnosticError {
    make(
      "zip-header-mismatch", message, entry: entry,
      hint: "Tools that trust the local header would extract something else; do not trust "
        + "this archive.")
  }

  /// Two entries' bytes overlap: the non-recursive zip bomb's trick.
  static func overlapping(_ entry: String, _ message: String) -> DiagnosticError {
    make(
      "zip-overlapping-entries", message, entry: entry,
      hint: "Overlapping entries are how non-recursive zip bombs multiply their size; "
        + "do not trust this archive.")
  }

  static func readFailed(_ archive: String, _ message: String) -> DiagnosticError {
    make(
      "zip-read-failed", message, entry: archive,
      hint: "Check that the file exists and is readable.")
  }

  static func writeFailed(_ entry: String, _ message: String) -> DiagnosticError {
    make(
      "zip-write-failed", message, entry: entry,
      hint: "Check free disk space, permissions and that the input files still exist.")
  }

  static func unsafePath(_ path: String, _ violation: ZipPathPolicy.Violation) -> DiagnosticError {
    make(
      violation.id, "entry name \(quoted(path)) is unsafe: \(violation.reason)", entry: path,
      hint: "Refusing to use names that could escape the output folder; fix the archive.")
  }

  /// Error text of the current `errno`.
  static func errnoText(_ code: Int32 = errno) -> String {
    String(cString: strerror(code))
  }

  /// Shows control characters visibly so messages stay on one line.
  static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      if ZipPathPolicy.isControl(scalar) {
        out += "\\u{\(String(scalar.value, radix: 16))}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
