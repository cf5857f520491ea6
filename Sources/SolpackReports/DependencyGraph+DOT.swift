import SolpackEnvironment

extension DependencyGraph {
  /// Graphviz DOT. Left to right in import order: an edge points from a node to what it
  /// requires, drawn right to left (`rankdir=RL`), and each layer is one rank. Missing
  /// nodes are dashed red; cycles are orange.
  public func dot() -> String {
    var lines = [
      "digraph solpack {",
      "  rankdir=RL;",
      "  node [shape=box, style=rounded, fontname=\"Helvetica\"];",
      "  edge [fontname=\"Helvetica\"];",
    ]
    let number = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1.id, $0) })
    func line(_ node: Node) -> String {
      var attributes = ["label=\(Self.dotQuoted(node.caption(level)))"]
      switch node.origin {
      case .missing: attributes += ["style=\"rounded,dashed\"", "color=red", "fontcolor=red"]
      case .environment: attributes += ["style=\"rounded,filled\"", "fillcolor=gray90"]
      case .platform: attributes += ["style=\"rounded,dotted\""]
      case .run: break
      }
      if node.inCycle { attributes += ["color=orange", "penwidth=2"] }
      return "n\(number[node.id]!) [\(attributes.joined(separator: ", "))];"
    }
    for (index, group) in groups().enumerated() {
      if let solution = group.solution {
        lines.append("  subgraph cluster_\(index) {")
        lines.append("    label=\(Self.dotQuoted(solution));")
        lines += group.nodes.map { "    " + line($0) }
        lines.append("  }")
      } else {
        lines += group.nodes.map { "  " + line($0) }
      }
    }
    if level == .solution {
      // Clusters and `rank=same` do not mix in Graphviz, so ranks only at solution level.
      for layer in 0..<layerCount {
        let members = nodes.filter { $0.layer == layer }.map { "n\(number[$0.id]!);" }
        lines.append("  { rank=same; \(members.joined(separator: " ")) }")
      }
    }
    for edge in edges {
      let attributes =
        edge.inCycle ? " [color=orange, penwidth=2, label=\"cycle\"]" : ""
      lines.append("  n\(number[edge.from]!) -> n\(number[edge.to]!)\(attributes);")
    }
    lines.append("}")
    return lines.joined(separator: "\n")
  }

  static func dotQuoted(_ text: String) -> String {
    "\""
      + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
        of: "\"", with: "\\\""
      )
      .replacingOccurrences(of: "\n", with: "\\n") + "\""
  }
}
