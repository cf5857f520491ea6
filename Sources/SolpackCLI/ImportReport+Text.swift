import Foundation
import SolpackEnvironment
import SolpackModel

extension ImportReport {
  /// The summary people read in a terminal: the plan, what each solution changed, the
  /// diagnostics grouped by solution, then one verdict line. No colour and no dates, so the
  /// same report always reads the same.
  func text() -> String {
    var blocks = [planLines()]
    let changes = solutions.flatMap(changeLines)
    if !changes.isEmpty { blocks.append(changes) }
    blocks += diagnosticBlocks()
    blocks.append([verdict()])
    return blocks.map { $0.joined(separator: "\n") }.joined(separator: "\n\n")
  }

  /// True when this run wrote to the environment: only an import that went through.
  private var changedEnvironment: Bool { mode == .import && outcome == .imported }

  private func planLines() -> [String] {
    guard !plan.isEmpty else { return ["Plan: no solutions."] }
    let heads = plan.enumerated().map { index, solution in
      "\(index + 1). \(solution.uniqueName) \(solution.version) "
        + "(\(solution.managed ? "managed" : "unmanaged")) \(actionText(solution))"
    }
    // Align the sources so the order and the `after` reasons read as a column.
    let width = heads.map(\.count).max() ?? 0
    var lines = ["Plan (\(Self.count(plan.count, "solution"))):"]
    for (head, solution) in zip(heads, plan) {
      var line = "  " + head + String(repeating: " ", count: width + 2 - head.count)
      line += "from \(solution.source)"
      if !solution.after.isEmpty { line += ", after \(solution.after.joined(separator: ", "))" }
      lines.append(line)
    }
    return lines
  }

  private func actionText(_ solution: PlannedSolution) -> String {
    guard let installed = solution.installedVersion else { return solution.action.rawValue }
    switch solution.action {
    case .install: return "install"
    case .update, .upgrade: return "\(solution.action.rawValue) from \(installed)"
    case .skip: return "skip (\(installed) installed)"
    }
  }

  /// `InvoiceFlows: added 2 (…); updated 1 (…)`, then the flows: those on in one cut list,
  /// each one off on its own line with why, since those are what someone has to fix.
  /// Says "would add" when the environment was not changed (dry run, check, refused).
  private func changeLines(_ result: SolutionResult) -> [String] {
    let verbs =
      changedEnvironment
      ? ["added", "updated", "removed"] : ["would add", "would update", "would remove"]
    var parts: [String] = []
    for (verb, names) in zip(verbs, [result.added, result.updated, result.removed])
    where !names.isEmpty {
      parts.append("\(verb) \(names.count) (\(Self.shortList(names)))")
    }
    if parts.isEmpty { parts.append("no changes") }
    var lines = ["\(result.uniqueName): " + parts.joined(separator: "; ")]
    let on = result.flows.filter(\.on).map(\.name)
    if !on.isEmpty { lines.append("  flows on: " + Self.shortList(on)) }
    for flow in result.flows where !flow.on {
      var line = "  flow off: \(flow.name)"
      if !flow.reasons.isEmpty { line += " (\(flow.reasons.joined(separator: "; ")))" }
      lines.append(line)
    }
    return lines
  }

  /// One block per group that has diagnostics: the run's first, then each solution's.
  private func diagnosticBlocks() -> [[String]] {
    let groups = [("Run", diagnostics)] + solutions.map { ($0.uniqueName, $0.diagnostics) }
    return groups.filter { !$0.1.isEmpty }.map { name, group in
      var lines = ["\(name) (\(Self.severityCounts(group))):"]
      for diagnostic in group {
        // Diagnostic.description is `entry: severity: [id] message` plus a `  hint:` line.
        lines.append(Self.indented(diagnostic.description))
      }
      return lines
    }
  }

  /// `text` with every line indented by two spaces, byte by byte: splitting by
  /// Character cost about 170,000 instructions a diagnostic, most of the text report
  /// of a 10,000-component import.
  static func indented(_ text: String) -> String {
    var bytes: [UInt8] = [0x20, 0x20]
    bytes.reserveCapacity(text.utf8.count + 8)
    for byte in text.utf8 {
      bytes.append(byte)
      if byte == UInt8(ascii: "\n") { bytes += [0x20, 0x20] }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private func verdict() -> String {
    let all = allDiagnostics
    let errors = all.filter { $0.severity == .error }.count
    let warnings = all.filter { $0.severity == .warning }.count
    let warningText = Self.count(warnings, "warning")
    switch outcome {
    case .refused:
      return "Refused: \(Self.count(errors, "error")), \(warningText); nothing was changed."
    case .imported where changedEnvironment:
      let skipped = plan.filter { $0.action == .skip }.count
      var line = "Imported \(Self.count(plan.count - skipped, "solution"))"
      line += " into \(environment ?? "the environment")"
      if skipped > 0 { line += ", skipped \(skipped) already installed" }
      if warnings > 0 { line += "; \(warningText)" }
      return line + "."
    case .imported, .passed:
      let name =
        switch mode {
        case .check: "Check"
        case .dryRun: "Dry run"
        case .import: "Import"
        }
      return "\(name) passed: \(Self.count(plan.count, "solution")), \(warningText); "
        + "nothing was changed."
    }
  }

  /// All the names when they fit in about one line; else as many as fit and "and N more".
  private static func shortList(_ names: [String], limit: Int = 5, width: Int = 100) -> String {
    var shown: [String] = []
    var length = 0
    for name in names {
      length += (shown.isEmpty ? 0 : 2) + name.count
      // The first name always shows, however long.
      if shown.count == limit || (length > width && !shown.isEmpty) { break }
      shown.append(name)
    }
    let list = shown.joined(separator: ", ")
    return shown.count == names.count ? list : list + " and \(names.count - shown.count) more"
  }

  private static func count(_ number: Int, _ noun: String) -> String {
    "\(number) \(noun)\(number == 1 ? "" : "s")"
  }

  /// `1 error, 2 warnings`: only the severities present, worst first.
  private static func severityCounts(_ group: [Diagnostic]) -> String {
    [Diagnostic.Severity.error, .warning, .note].compactMap { severity in
      let number = group.filter { $0.severity == severity }.count
      return number == 0 ? nil : count(number, severity.rawValue)
    }.joined(separator: ", ")
  }
}
