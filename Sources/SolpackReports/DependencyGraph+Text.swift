import SolpackEnvironment

/// Names the renderers share, so DOT, Mermaid and SVG say the same thing.
extension DependencyGraph.Node {
  /// What the node is, for people: `connection reference`, `solution`.
  public var kindName: String {
    switch kind {
    case .solution: "solution"
    case .flow: "flow"
    case .desktopFlow: "desktop flow"
    case .connectionReference: "connection reference"
    case .environmentVariable: "environment variable"
    case .credential: "credential"
    case .connector: "connector"
    case .other: "component"
    }
  }

  /// The node's text: its label, with its kind at component level and a mark when missing.
  func caption(_ level: DependencyGraph.Level) -> String {
    var text =
      level == .component && kind != .solution && kind != .other ? "\(kindName): \(label)" : label
    if origin == .missing { text = "missing: " + text }
    if origin == .environment { text += " (installed)" }
    return text
  }
}

extension DependencyGraph {
  /// Components grouped by their solution, in node order; nodes with none last.
  func groups() -> [(solution: String?, nodes: [Node])] {
    var order: [String?] = []
    var members: [String?: [Node]] = [:]
    for node in nodes {
      let group = level == .component ? node.solution : nil
      if members[group] == nil { order.append(group) }
      members[group, default: []].append(node)
    }
    return order.sorted { ($0 ?? "\u{10FFFF}").lowercased() < ($1 ?? "\u{10FFFF}").lowercased() }
      .map { ($0, members[$0] ?? []) }
  }
}
