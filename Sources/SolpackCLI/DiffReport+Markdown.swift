import Foundation
import SolpackDiff
import SolpackModel

extension DiffReport {
  /// The diff as a pull-request comment (GitHub-flavoured Markdown): counts per kind, what
  /// was added and removed, then a table per changed component. Names are escaped and keys
  /// and values sit in code spans, so nothing in a solution can format the comment, mention
  /// someone or link an issue.
  func markdown() -> String {
    var blocks = ["### solpack diff: \(Self.code(a)) → \(Self.code(b))"]
    guard !identical else {
      return (blocks + ["No differences."] + diagnosticBlock()).joined(separator: "\n\n")
    }
    blocks.append(summaryTable())
    for (title, kind) in [("Added", Change.added), ("Removed", .removed)] {
      let listed = changes.filter { $0.change == kind }
      guard !listed.isEmpty else { continue }
      blocks.append("#### \(title)\n\n" + listed.map(bullet).joined(separator: "\n"))
    }
    blocks += changes.filter { $0.change == .changed }.map(section)
    blocks += diagnosticBlock()
    return blocks.joined(separator: "\n\n")
  }

  private func summaryTable() -> String {
    let stat = stat
    let row = { (kind: String, counts: Stat) in
      "| \(kind) | \(counts.added) | \(counts.removed) | \(counts.changed) |"
    }
    var rows = ["| Kind | Added | Removed | Changed |", "|---|---:|---:|---:|"]
    rows += stat.keys.sorted().map { row($0.displayName, stat[$0]!) }
    rows.append(row("**total**", Self.total(stat)))
    return rows.joined(separator: "\n")
  }

  /// `- connection reference Contoso Teams (`contoso_Teams`) in `entry``, with any fields as
  /// sub-bullets.
  private func bullet(_ change: ComponentChange) -> String {
    var line = "- " + Self.title(change)
    if let key = Self.shownKey(change) { line += " (\(key))" }
    if let entry = Self.shownEntry(change) { line += " in " + entry }
    for field in change.fields {
      let cells = Self.fieldCells(field).filter { !$0.isEmpty }
      line += "\n  - " + Self.code(field.path) + ": " + cells.joined(separator: " → ")
    }
    return line
  }

  /// `#### ~ cloud flow Process Invoices`, where it lives, then `Field | Old | New`.
  private func section(_ change: ComponentChange) -> String {
    var lines = ["#### ~ " + Self.title(change)]
    let key = Self.shownKey(change)
    let entry = Self.shownEntry(change).map { "in " + $0 }
    if key != nil || entry != nil {
      lines += ["", [key, entry].compactMap(\.self).joined(separator: " ")]
    }
    if !change.fields.isEmpty {
      lines += ["", "| Field | Old | New |", "|---|---|---|"]
      for field in change.fields {
        let cells = [Self.code(field.path)] + Self.fieldCells(field)
        lines.append("| " + cells.joined(separator: " | ") + " |")
      }
    }
    return lines.joined(separator: "\n")
  }

  /// Diagnostics go here rather than to standard error: a comment is all a reviewer sees.
  private func diagnosticBlock() -> [String] {
    guard !diagnostics.isEmpty else { return [] }
    let lines = diagnostics.map { diagnostic in
      var line = "- \(diagnostic.severity.rawValue) \(Self.code(diagnostic.id)): "
      line += Self.escaped(diagnostic.message)
      if let entry = diagnostic.entry { line += " (\(Self.code(entry)))" }
      if let hint = diagnostic.hint { line += " — " + Self.escaped(hint) }
      return line
    }
    return ["#### Diagnostics\n\n" + lines.joined(separator: "\n")]
  }

  /// `cloud flow Process Invoices`, `connection reference `contoso_Teams``.
  private static func title(_ change: ComponentChange) -> String {
    let kind = change.kind.displayName
    guard change.kind != .manifest else { return kind }
    if let name = change.name, name != change.key { return kind + " " + escaped(name) }
    return kind + " " + code(change.key)
  }

  /// The key, in full, when the title shows a name instead.
  private static func shownKey(_ change: ComponentChange) -> String? {
    guard change.kind != .manifest, let name = change.name, name != change.key else { return nil }
    return code(change.key)
  }

  /// The archive entry, unless it is the key already (a part).
  private static func shownEntry(_ change: ComponentChange) -> String? {
    guard let entry = change.entry, entry != change.key else { return nil }
    return code(entry)
  }

  /// Old and new cells. A note takes the place of both, in italics, and the values, even
  /// when set, stay unshown.
  private static func fieldCells(_ field: FieldChange) -> [String] {
    if let note = field.note { return ["*" + escaped(note) + "*", ""] }
    switch (field.old, field.new) {
    case (nil, nil): return ["(changed)", ""]
    default: return [field.old.map(code) ?? "(added)", field.new.map(code) ?? "(removed)"]
    }
  }

  /// A code span safe in a table cell: a fence longer than any run of backticks inside,
  /// `|` escaped (GitHub splits cells before reading spans), control characters escaped.
  static func code(_ text: String) -> String {
    guard !text.isEmpty else { return "(empty)" }
    let body = printable(text).replacingOccurrences(of: "|", with: "\\|")
    var longest = 0
    var run = 0
    for character in body {
      run = character == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: longest + 1)
    // A span that starts or ends with a backtick needs a space so the fence reads as one.
    let pad = body.hasPrefix("`") || body.hasSuffix("`") ? " " : ""
    return fence + pad + body + pad + fence
  }

  /// Plain text with Markdown's punctuation escaped, and `@` and `#` so a name cannot
  /// mention a person or link an issue.
  static func escaped(_ text: String) -> String {
    var out = ""
    for character in printable(text) {
      if "\\`*_[]<>|~&@#!".contains(character) { out.append("\\") }
      out.append(character)
    }
    return out
  }
}
