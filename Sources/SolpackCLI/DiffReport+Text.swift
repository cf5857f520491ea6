import Foundation
import SolpackDiff

extension DiffReport {
  /// The diff people read in a terminal: one header per component (`+` added, `-` removed,
  /// `~` changed), its field changes indented under it, then one count line. Diagnostics are
  /// not here: the command writes them to standard error, as `inspect` does.
  /// With `color`, headers are green, red or yellow and archive entries dim; the characters
  /// are otherwise the same.
  func text(color: Bool) -> String {
    guard !identical else { return "No differences." }
    let paint = Paint(enabled: color)
    let heads = changes.map(Self.header)
    let entries = changes.map { $0.entry == $0.key ? nil : $0.entry }
    // Entries line up in one column unless a header is too long for it.
    let widths = zip(heads, entries).compactMap { $1 == nil ? nil : $0.count }
    let column = min(widths.max() ?? 0, 60) + 2
    var lines = ["--- " + Self.side("a", a), "+++ " + Self.side("b", b), ""]
    for (index, change) in changes.enumerated() {
      let head = heads[index]
      var line = paint(head, change.change.color)
      if let entry = entries[index] {
        line += String(repeating: " ", count: max(column - head.count, 2))
        line += paint("[" + Self.printable(entry) + "]", .dim)
      }
      lines.append(line)
      lines += change.fields.map { "    " + Self.fieldText($0) }
    }
    lines += ["", summary + "."]
    return lines.joined(separator: "\n")
  }

  /// The `--stat` view: one line per kind with changes, in report order, then the total.
  func statText() -> String {
    guard !identical else { return "No differences." }
    let stat = stat
    var lines = stat.keys.sorted().map { kind in
      "\(kind.displayName): " + Self.counts(stat[kind]!)
    }
    lines.append(summary + ".")
    return lines.joined(separator: "\n")
  }

  /// `7 components differ: 1 added, 1 removed, 5 changed`.
  var summary: String {
    let verb = changes.count == 1 ? "component differs" : "components differ"
    return "\(changes.count) \(verb): " + Self.counts(Self.total(stat))
  }

  static func total(_ stat: [Kind: Stat]) -> Stat {
    stat.values.reduce(into: Stat()) { total, stat in
      total.added += stat.added
      total.removed += stat.removed
      total.changed += stat.changed
    }
  }

  /// `~ cloud flow Process Invoices (7e4a2c91-…)`. The manifest is one per solution, so its
  /// header names nothing more.
  static func header(_ change: ComponentChange) -> String {
    var text = "\(change.change.marker) \(change.kind.displayName)"
    guard change.kind != .manifest else { return text }
    if let name = change.name, name != change.key {
      // The key beside a name only tells two of a name apart: a GUID shows like a short hash.
      text += " " + printable(name) + " (" + printable(short(change.key)) + ")"
    } else {
      text += " " + printable(change.key)
    }
    return text
  }

  /// `path: old → new`; `(added)` or `(removed)` stands in for the missing side. A note
  /// replaces both values: a Secret's old and new are never printed, even when set.
  static func fieldText(_ field: FieldChange) -> String {
    let path = printable(field.path) + ": "
    if let note = field.note { return path + printable(note) }
    switch (field.old, field.new) {
    case (let old?, let new?): return path + value(old) + " → " + value(new)
    case (nil, let new?): return path + "(added) → " + value(new)
    case (let old?, nil): return path + value(old) + " → (removed)"
    case (nil, nil): return path + "(changed)"
    }
  }

  /// `1 added, 2 changed`: only the counts that are not zero.
  static func counts(_ stat: Stat) -> String {
    [(stat.added, "added"), (stat.removed, "removed"), (stat.changed, "changed")]
      .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
  }

  private static func value(_ text: String) -> String {
    text.isEmpty ? "(empty)" : printable(text)
  }

  /// `a/InvoiceFlows.zip`, or `a/tmp/x.zip` for `/tmp/x.zip`, as `git diff --no-index` does.
  private static func side(_ prefix: String, _ path: String) -> String {
    prefix + (path.hasPrefix("/") ? "" : "/") + printable(path)
  }

  /// The first group of a GUID and an ellipsis; anything else as it is.
  static func short(_ key: String) -> String {
    let groups = key.split(separator: "-", omittingEmptySubsequences: false)
    let isGUID =
      groups.map(\.count) == [8, 4, 4, 4, 12]
      && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    return isGUID ? String(groups[0]) + "-…" : key
  }

  /// Control characters escaped, so a value cannot break a line or send a terminal an
  /// escape sequence of its own.
  static func printable(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where isControl(scalar):
        out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.generalCategory == .control
  }
}

extension DiffReport.Change {
  var marker: String {
    switch self {
    case .added: "+"
    case .removed: "-"
    case .changed: "~"
    }
  }

  fileprivate var color: Paint.Color {
    switch self {
    case .added: .green
    case .removed: .red
    case .changed: .yellow
    }
  }
}

/// ANSI colour, or nothing when off.
private struct Paint {
  enum Color: String {
    case green = "32"
    case red = "31"
    case yellow = "33"
    case dim = "2"
  }

  var enabled: Bool

  func callAsFunction(_ text: String, _ color: Color) -> String {
    enabled ? "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m" : text
  }
}
