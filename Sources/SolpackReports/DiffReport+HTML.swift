import SolpackDiff
import SolpackModel

extension DiffReport {
  /// The diff as one page: summary and counts per kind, then each component with its
  /// fields side by side (path, old, new). A field with a note (a Secret's value) shows the
  /// note only, never the values.
  public func html() -> String {
    var page = HTMLPage(title: "solpack diff: \(a) → \(b)")
    let stat = stat
    let verdict =
      identical ? "Identical" : "\(changes.count) component\(changes.count == 1 ? "" : "s") differ"
    var summary = [
      "<header id=\"summary\"><h1>solpack diff</h1>",
      "<p><code>\(Markup.escape(a))</code> → <code>\(Markup.escape(b))</code></p>",
      "<p><span class=\"verdict \(identical ? "ok" : "neutral")\" id=\"verdict\">\(Markup.escape(verdict))</span></p>",
      "<ul class=\"counts\">",
      HTMLPage.count(stat.values.map(\.added).reduce(0, +), "added"),
      HTMLPage.count(stat.values.map(\.removed).reduce(0, +), "removed"),
      HTMLPage.count(stat.values.map(\.changed).reduce(0, +), "changed"),
      HTMLPage.count(diagnostics.count, diagnostics.count == 1 ? "diagnostic" : "diagnostics"),
      "</ul></header>",
    ]
    if !stat.isEmpty {
      summary.append(
        "<section id=\"stat\"><h2>By kind</h2><div class=\"table-wrap\"><table><thead><tr><th>Kind</th><th>Added</th><th>Removed</th><th>Changed</th></tr></thead><tbody>"
      )
      for kind in Kind.allCases {
        guard let counts = stat[kind] else { continue }
        summary.append(
          "<tr><td>\(kind.displayName)</td><td>\(counts.added)</td><td>\(counts.removed)</td><td>\(counts.changed)</td></tr>"
        )
      }
      summary.append("</tbody></table></div></section>")
    }
    page.add(summary.joined(separator: "\n"))
    if !diagnostics.isEmpty {
      page.add(
        "<section id=\"diagnostics\"><h2>Diagnostics</h2>\(Diagnostic.htmlList(diagnostics))</section>"
      )
    }
    var lines = ["<section id=\"changes\"><h2>What changed</h2>"]
    if changes.isEmpty { lines.append("<p>No differences.</p>") }
    for change in changes { lines.append(Self.html(change)) }
    lines.append("</section>")
    page.add(lines.joined(separator: "\n"))
    return page.render()
  }

  private static func html(_ change: ComponentChange) -> String {
    var head =
      "<div class=\"change\" data-kind=\"\(change.kind.rawValue)\"><h3><span class=\"badge \(change.change.rawValue)\">\(change.change.rawValue)</span>\(Markup.escape(change.kind.displayName)) <code>\(Markup.escape(change.key))</code>"
    if let name = change.name { head += " \(Markup.escape(name))" }
    head += "</h3>"
    if let entry = change.entry {
      head += "<div class=\"where\">entry <code>\(Markup.escape(entry))</code></div>"
    }
    guard !change.fields.isEmpty else { return head + "</div>" }
    var grid = [
      "<div class=\"side\"><div class=\"head\">Field</div><div class=\"head\">Old</div><div class=\"head\">New</div>"
    ]
    for field in change.fields {
      grid.append("<div class=\"path\"><code>\(Markup.escape(field.path))</code></div>")
      if let note = field.note {
        grid.append(
          "<div class=\"old\"><i>\(Markup.escape(note))</i></div><div class=\"new\"><i>\(Markup.escape(note))</i></div>"
        )
      } else {
        grid.append(
          "<div class=\"old\">\(field.old.map { "<code>\(Markup.escape($0))</code>" } ?? "<span class=\"muted\">—</span>")</div>"
        )
        grid.append(
          "<div class=\"new\">\(field.new.map { "<code>\(Markup.escape($0))</code>" } ?? "<span class=\"muted\">—</span>")</div>"
        )
      }
    }
    grid.append("</div>")
    return head + grid.joined() + "</div>"
  }
}
