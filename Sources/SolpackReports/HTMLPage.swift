import SolpackEnvironment

/// One self-contained HTML file: inline style, inline SVG, no script, no font, no link to
/// anything, so it works offline and from a CI artifact. Narrow screens get one column;
/// print drops colours behind text and keeps sections whole.
struct HTMLPage {
  var title: String
  var sections: [String] = []

  init(title: String) { self.title = title }

  mutating func add(_ html: String) { sections.append(html) }

  func render() -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8"/>
    <meta name="viewport" content="width=device-width, initial-scale=1"/>
    <meta name="generator" content="solpack"/>
    <title>\(Markup.escape(title))</title>
    <style>
    \(Self.style)
    </style>
    </head>
    <body>
    <main>
    \(sections.joined(separator: "\n"))
    </main>
    </body>
    </html>
    """
  }

  static let style = """
    :root { color-scheme: light; --ok: #1a7f37; --bad: #c21818; --warn: #9a6700; --muted: #5a6270; --line: #d8dde4; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1b1f24; background: #fff; }
    main { max-width: 1100px; margin: 0 auto; padding: 24px 20px 48px; }
    h1 { font-size: 1.5em; margin: 0 0 4px; }
    h2 { font-size: 1.2em; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
    h3 { font-size: 1.05em; margin: 20px 0 8px; }
    code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; overflow-wrap: anywhere; }
    .muted { color: var(--muted); }
    .verdict { display: inline-block; padding: 4px 12px; border-radius: 999px; font-weight: 600; color: #fff; }
    .verdict.ok { background: var(--ok); } .verdict.bad { background: var(--bad); } .verdict.neutral { background: var(--muted); }
    .counts { display: flex; flex-wrap: wrap; gap: 10px; margin: 14px 0 0; padding: 0; list-style: none; }
    .counts li { border: 1px solid var(--line); border-radius: 8px; padding: 6px 12px; min-width: 96px; }
    .counts b { display: block; font-size: 1.3em; }
    .table-wrap { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--line); }
    th { font-weight: 600; background: #f6f8fa; }
    .graph-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; padding: 8px; }
    .graph-wrap svg { display: block; max-width: none; }
    .legend { display: flex; flex-wrap: wrap; gap: 14px; font-size: 0.9em; color: var(--muted); margin: 8px 0; padding: 0; list-style: none; }
    .diagnostics { list-style: none; padding: 0; margin: 0; }
    .diagnostic { border-left: 4px solid var(--line); padding: 6px 12px; margin: 8px 0; background: #fafbfc; break-inside: avoid; }
    .diagnostic.error { border-color: var(--bad); } .diagnostic.warning { border-color: var(--warn); } .diagnostic.note { border-color: var(--muted); }
    .severity { font-weight: 600; text-transform: uppercase; font-size: 0.8em; margin-right: 6px; }
    .error .severity { color: var(--bad); } .warning .severity { color: var(--warn); } .note .severity { color: var(--muted); }
    .hint { margin: 4px 0 0; color: var(--muted); }
    .where { font-size: 0.9em; color: var(--muted); }
    .change { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; margin: 10px 0; break-inside: avoid; }
    .badge { display: inline-block; font-size: 0.8em; font-weight: 600; padding: 1px 8px; border-radius: 999px; border: 1px solid currentColor; margin-right: 6px; }
    .added { color: var(--ok); } .removed { color: var(--bad); } .changed { color: var(--warn); }
    .side { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1fr); }
    .side > div { padding: 4px 8px; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
    .side .head { font-weight: 600; background: #f6f8fa; }
    .side .old { background: #fff1f1; } .side .new { background: #effaf1; }
    section { break-inside: auto; }
    @media (max-width: 640px) {
      main { padding: 16px 12px 32px; }
      .side { grid-template-columns: minmax(0, 1fr); }
      .side .head { display: none; }
      .side .old::before { content: "old: "; font-weight: 600; }
      .side .new::before { content: "new: "; font-weight: 600; }
      .side .path { background: #f6f8fa; font-weight: 600; }
      th, td { padding: 4px 6px; }
    }
    @media print {
      body { font-size: 11pt; }
      main { max-width: none; padding: 0; }
      .graph-wrap { overflow: visible; border: none; }
      .graph-wrap svg { max-width: 100%; height: auto; }
      .diagnostic, .side .old, .side .new, th { background: none !important; }
      .verdict { color: #000; border: 2px solid #000; background: none !important; }
      h2 { break-after: avoid; }
    }
    """
}

extension HTMLPage {
  /// A count box of the summary: `<li><b>3</b> errors</li>`.
  static func count(_ value: Int, _ label: String) -> String {
    "<li><b>\(value)</b> \(Markup.escape(label))</li>"
  }

  /// The legend under every drawn graph.
  static let legend = """
    <ul class="legend"><li>left to right: import order</li><li>arrow: requires</li><li style="color:#c21818">dashed red: missing</li><li style="color:#e07000">orange: cycle</li><li>grey: already in the environment</li><li>dotted: platform connector</li></ul>
    """

  static func graphSection(_ graph: DependencyGraph, heading: String = "Dependency graph") -> String
  {
    """
    <section id="graph"><h2>\(Markup.escape(heading))</h2>
    \(legend)
    <div class="graph-wrap">
    \(graph.svg())
    </div>
    \(graph.missing.isEmpty ? "" : "<p>Missing: " + graph.missing.map { "<code>\(Markup.escape($0.label))</code>" }.joined(separator: ", ") + "</p>")
    \(graph.cycles.isEmpty ? "" : "<p>Cycles: " + graph.cycles.map { cycle in cycle.compactMap { graph.node($0)?.label }.map(Markup.escape).joined(separator: " ↔ ") }.joined(separator: "; ") + "</p>")
    </section>
    """
  }
}
