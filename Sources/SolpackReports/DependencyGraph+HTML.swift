import SolpackEnvironment

extension DependencyGraph {
  /// The graph as a page: the drawing, then each layer's nodes as text, so the page says
  /// the same to a screen reader and prints cleanly.
  public func html(title: String) -> String {
    var page = HTMLPage(title: title)
    page.add(
      "<header id=\"summary\"><h1>\(Markup.escape(title))</h1><ul class=\"counts\">"
        + HTMLPage.count(nodes.count, nodes.count == 1 ? "node" : "nodes")
        + HTMLPage.count(layerCount, layerCount == 1 ? "layer" : "layers")
        + HTMLPage.count(missing.count, "missing")
        + HTMLPage.count(cycles.count, cycles.count == 1 ? "cycle" : "cycles") + "</ul></header>")
    page.add(HTMLPage.graphSection(self))
    var lines = ["<section id=\"layers\"><h2>Import order</h2><ol>"]
    for layer in 0..<layerCount {
      let members = nodes.filter { $0.layer == layer }.map { node in
        "<li>\(Markup.escape(node.caption(level)))\(node.solution.map { " <span class=\"muted\">(\(Markup.escape($0)))</span>" } ?? "")</li>"
      }
      lines.append("<li>Layer \(layer + 1)<ul>\(members.joined())</ul></li>")
    }
    lines.append("</ol></section>")
    page.add(lines.joined(separator: "\n"))
    return page.render()
  }
}
