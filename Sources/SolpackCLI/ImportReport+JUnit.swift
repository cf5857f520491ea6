import Foundation
import SolpackEnvironment
import SolpackModel

extension ImportReport {
  /// JUnit XML for CI: one testsuite per solution, one testcase per check, and a `run`
  /// testsuite for the run's own diagnostics (docs/import-report.md).
  func junit() -> String {
    var suites = solutions.map { result in
      JUnitSuite(
        name: result.uniqueName,
        cases: Self.cases(result.checks, result.diagnostics, suite: result.uniqueName))
    }
    if !diagnostics.isEmpty {
      suites.append(JUnitSuite(name: "run", cases: Self.cases([], diagnostics, suite: "run")))
    }
    let tests = suites.map(\.cases.count).reduce(0, +)
    let failures = suites.map(\.failures).reduce(0, +)
    let timestamp = startedAt.ISO8601Format()
    var lines = [
      #"<?xml version="1.0" encoding="UTF-8"?>"#,
      "<testsuites name=\(xmlAttribute("solpack \(mode.rawValue)")) tests=\"\(tests)\""
        + " failures=\"\(failures)\" errors=\"0\">",
    ]
    for suite in suites {
      let open =
        "  <testsuite name=\(xmlAttribute(suite.name)) tests=\"\(suite.cases.count)\""
        + " failures=\"\(suite.failures)\" errors=\"0\" skipped=\"0\""
        + " timestamp=\(xmlAttribute(timestamp))"
      guard !suite.cases.isEmpty else {
        lines.append(open + "/>")
        continue
      }
      lines.append(open + ">")
      for test in suite.cases { lines += test.lines(suite: suite.name) }
      lines.append("  </testsuite>")
    }
    lines.append("</testsuites>")
    return lines.joined(separator: "\n")
  }

  /// The checks as given, then one case for each diagnostic id no check covers, so an error
  /// always shows as a failure even when no check names it.
  private static func cases(
    _ checks: [Check], _ diagnostics: [Diagnostic], suite: String
  ) -> [JUnitCase] {
    var all = checks
    for diagnostic in diagnostics where !all.contains(where: { $0.id == diagnostic.id }) {
      let failed = diagnostics.contains { $0.id == diagnostic.id && $0.severity == .error }
      all.append(Check(id: diagnostic.id, passed: !failed))
    }
    return all.map { check in
      JUnitCase(check: check, diagnostics: diagnostics.filter { $0.id == check.id })
    }
  }
}

private struct JUnitSuite {
  var name: String
  var cases: [JUnitCase]
  var failures: Int { cases.filter { !$0.check.passed }.count }
}

private struct JUnitCase {
  var check: ImportReport.Check
  var diagnostics: [Diagnostic]

  func lines(suite: String) -> [String] {
    let open = "    <testcase classname=\(xmlAttribute(suite)) name=\(xmlAttribute(check.id))"
    // Each diagnostic with its hint, as the text output shows it.
    let body = xmlText(diagnostics.map(\.description).joined(separator: "\n"))
    if !check.passed {
      let first = diagnostics.first { $0.severity == .error } ?? diagnostics.first
      let message = "[\(check.id)] \(first?.message ?? "check failed")"
      let failure =
        "<failure message=\(xmlAttribute(message)) type=\(xmlAttribute(check.id))>"
      return [open + ">", "      " + failure + body + "</failure>", "    </testcase>"]
    }
    // A passed check can still have warnings and notes: CI shows them as output.
    guard !diagnostics.isEmpty else { return [open + "/>"] }
    return [open + ">", "      <system-out>\(body)</system-out>", "    </testcase>"]
  }
}

/// Element text: markup escaped, characters XML 1.0 cannot hold replaced.
private func xmlText(_ value: String) -> String {
  var out = ""
  for scalar in value.unicodeScalars {
    switch scalar {
    case "&": out += "&amp;"
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
    default:
      let invalid = scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF
      out.unicodeScalars.append(invalid ? "\u{FFFD}" : scalar)
    }
  }
  return out
}

/// A quoted attribute value; line breaks and tabs as references so parsers keep them.
private func xmlAttribute(_ value: String) -> String {
  var out = ""
  for character in xmlText(value).unicodeScalars {
    switch character {
    case "\"": out += "&quot;"
    case "\n": out += "&#10;"
    case "\r": out += "&#13;"
    case "\t": out += "&#9;"
    default: out.unicodeScalars.append(character)
    }
  }
  return "\"\(out)\""
}
