import Foundation
import SolpackModel

/// Where commands write: results to standard output, diagnostics to standard error.
enum Console {
  static func out(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
  }

  static func err(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }

  /// `InvoiceFlows.zip:customizations.xml: warning: [id] message` and its hint.
  /// With `color`, the severity is red, yellow or cyan (ANSI), for a terminal only.
  static func report(_ diagnostics: [Diagnostic], source: String, color: Bool = false) {
    for diagnostic in diagnostics {
      var line = source
      if let entry = diagnostic.entry, entry != source { line += ":" + entry }
      var severity = diagnostic.severity.rawValue
      if color {
        let code =
          diagnostic.severity == .error ? "31" : diagnostic.severity == .warning ? "33" : "36"
        severity = "\u{1B}[1;\(code)m\(severity)\u{1B}[0m"
      }
      line += ": \(severity): [\(diagnostic.id)] \(diagnostic.message)"
      if let hint = diagnostic.hint { line += "\n  hint: \(hint)" }
      err(line)
    }
  }

  static func size(_ bytes: UInt64) -> String {
    let units = ["B", "KB", "MB", "GB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1000 && unit < units.count - 1 {
      value /= 1000
      unit += 1
    }
    return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
  }
}
