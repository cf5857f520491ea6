import Foundation
import SolpackEnvironment
import SolpackModel

extension ImportReport {
  /// The report as one self-contained page: summary first (verdict, counts), then the
  /// plan and the graph, the diagnostics grouped by solution, and what changed.
  public func html(graph: DependencyGraph? = nil) -> String {
    let command = mode == .check ? "check" : mode == .dryRun ? "import --dry-run" : "import"
    var page = HTMLPage(title: "solpack \(command): \(verdictText)")
    page.add(summary(command))
    page.add(planSection())
    if let graph { page.add(HTMLPage.graphSection(graph)) }
    page.add(diagnosticsSection())
    page.add(changesSection())
    return page.render()
  }

  var verdictText: String {
    switch outcome {
    case .imported: "Imported"
    case .passed: mode == .check ? "Passed" : "Passed (dry run, nothing changed)"
    case .refused: "Refused: nothing was changed"
    }
  }

  private func summary(_ command: String) -> String {
    let all = allDiagnostics
    let errors = all.filter { $0.severity == .error }.count
    let warnings = all.filter { $0.severity == .warning }.count
    let notes = all.filter { $0.severity == .note }.count
    let style = outcome == .refused ? "bad" : "ok"
    var lines = [
      "<header id=\"summary\"><h1>solpack \(Markup.escape(command))</h1>",
      "<p><span class=\"verdict \(style)\" id=\"verdict\">\(Markup.escape(verdictText))</span></p>",
      "<ul class=\"counts\">",
      HTMLPage.count(plan.count, plan.count == 1 ? "solution" : "solutions"),
      HTMLPage.count(errors, errors == 1 ? "error" : "errors"),
      HTMLPage.count(warnings, warnings == 1 ? "warning" : "warnings"),
      HTMLPage.count(notes, notes == 1 ? "note" : "notes"),
      "</ul>",
    ]
    let formatter = ISO8601DateFormatter()
    lines.append(
      "<p class=\"muted\">Environment: \(environment.map { "<code>\(Markup.escape($0))</code>" } ?? "none (archives checked against each other)") · started \(formatter.string(from: startedAt))</p>"
    )
    lines.append("</header>")
    return lines.joined(separator: "\n")
  }

  private func planSection() -> String {
    var lines = ["<section id=\"plan\"><h2>Plan</h2>"]
    guard !plan.isEmpty else { return lines[0] + "<p>No solutions.</p></section>" }
    lines.append(
      "<div class=\"table-wrap\"><table><thead><tr><th>#</th><th>Solution</th><th>Version</th><th>Type</th><th>Action</th><th>From</th><th>After</th></tr></thead><tbody>"
    )
    for (index, solution) in plan.enumerated() {
      var action = solution.action.rawValue
      if let installed = solution.installedVersion { action += " (installed \(installed))" }
      lines.append(
        "<tr><td>\(index + 1)</td><td>\(Markup.escape(solution.uniqueName))</td><td>\(Markup.escape(solution.version))</td><td>\(solution.managed ? "managed" : "unmanaged")</td><td>\(Markup.escape(action))</td><td><code>\(Markup.escape(solution.source))</code></td><td>\(Markup.escape(solution.after.joined(separator: ", ")))</td></tr>"
      )
    }
    lines.append("</tbody></table></div></section>")
    return lines.joined(separator: "\n")
  }

  private func diagnosticsSection() -> String {
    var lines = ["<section id=\"diagnostics\"><h2>Diagnostics</h2>"]
    if allDiagnostics.isEmpty { lines.append("<p>None.</p>") }
    if !diagnostics.isEmpty {
      lines.append("<h3>The run</h3>" + Diagnostic.htmlList(diagnostics))
    }
    for solution in solutions where !solution.diagnostics.isEmpty {
      lines.append(
        "<h3>\(Markup.escape(solution.uniqueName))</h3>" + Diagnostic.htmlList(solution.diagnostics)
      )
    }
    lines.append("</section>")
    return lines.joined(separator: "\n")
  }

  private func changesSection() -> String {
    let changed = mode == .import && outcome == .imported
    let verbs =
      changed ? ["Added", "Updated", "Removed"] : ["Would add", "Would update", "Would remove"]
    var lines = [
      "<section id=\"changes\"><h2>\(changed ? "What changed" : "What would change")</h2>"
    ]
    for solution in solutions {
      lines.append("<h3>\(Markup.escape(solution.uniqueName))</h3>")
      var any = false
      for (verb, names) in zip(verbs, [solution.added, solution.updated, solution.removed])
      where !names.isEmpty {
        any = true
        lines.append(
          "<p>\(verb) \(names.count):</p><ul>"
            + names.map { "<li>\(Markup.escape($0))</li>" }.joined() + "</ul>")
      }
      if !solution.flows.isEmpty {
        any = true
        lines.append("<p>Flows:</p><ul>")
        for flow in solution.flows {
          var item = "<li>\(Markup.escape(flow.name)): \(flow.on ? "on" : "<b>off</b>")"
          if !flow.reasons.isEmpty {
            item += " — " + Markup.escape(flow.reasons.joined(separator: "; "))
          }
          lines.append(item + "</li>")
        }
        lines.append("</ul>")
      }
      if !any { lines.append("<p class=\"muted\">No changes.</p>") }
    }
    if solutions.isEmpty { lines.append("<p class=\"muted\">Nothing.</p>") }
    lines.append("</section>")
    return lines.joined(separator: "\n")
  }
}
