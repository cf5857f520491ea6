import Foundation
import SolpackArchive
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
    let root = XMLElement(
      "testsuites",
      attributes: [
        XMLAttribute("name", "solpack \(mode.rawValue)"), XMLAttribute("tests", "\(tests)"),
        XMLAttribute("failures", "\(failures)"), XMLAttribute("errors", "0"),
      ], children: suites.map { .element($0.element(timestamp: timestamp)) })
    // The project's XML writer does the escaping and the layout.
    let file = XMLFile(
      root: root, declaration: #"<?xml version="1.0" encoding="UTF-8"?>"#, newline: "\n")
    return String(decoding: XMLWriter.data(file), as: UTF8.self)
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

  func element(timestamp: String) -> XMLElement {
    XMLElement(
      "testsuite",
      attributes: [
        XMLAttribute("name", name), XMLAttribute("tests", "\(cases.count)"),
        XMLAttribute("failures", "\(failures)"), XMLAttribute("errors", "0"),
        XMLAttribute("skipped", "0"), XMLAttribute("timestamp", timestamp),
      ], children: cases.map { .element($0.element(suite: name)) })
  }
}

private struct JUnitCase {
  var check: ImportReport.Check
  var diagnostics: [Diagnostic]

  func element(suite: String) -> XMLElement {
    var test = XMLElement(
      "testcase", attributes: [XMLAttribute("classname", suite), XMLAttribute("name", check.id)])
    // Each diagnostic with its hint, as the text output shows it.
    let body = diagnostics.map(\.description).joined(separator: "\n")
    if !check.passed {
      let first = diagnostics.first { $0.severity == .error } ?? diagnostics.first
      let failure = XMLElement(
        "failure",
        attributes: [
          XMLAttribute("message", "[\(check.id)] \(first?.message ?? "check failed")"),
          XMLAttribute("type", check.id),
        ], children: body.isEmpty ? [] : [.text(body)])
      test.children = [.element(failure)]
    } else if !diagnostics.isEmpty {
      // A passed check can still have warnings and notes: CI shows them as output.
      test.children = [.element(XMLElement("system-out", text: body))]
    }
    return test
  }
}
