import SolpackEnvironment

extension DependencyGraph {
  /// A Mermaid flowchart (GitHub and Azure DevOps render it in Markdown): right to left,
  /// so what is imported first stands on the left; missing nodes dashed red, cycles orange.
  public func mermaid() -> String {
    var lines = ["flowchart RL"]
    let number = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1.id, $0) })
    func line(_ node: Node) -> String {
      var text = "n\(number[node.id]!)[\"\(Self.mermaidText(node.caption(level)))\"]"
      switch node.origin {
      case .missing: text += ":::missing"
      case .environment: text += ":::installed"
      case .platform: text += ":::platform"
      case .run: if node.inCycle { text += ":::cycle" }
      }
      return text
    }
    for (index, group) in groups().enumerated() {
      if let solution = group.solution {
        lines.append("  subgraph g\(index)[\"\(Self.mermaidText(solution))\"]")
        lines += group.nodes.map { "    " + line($0) }
        lines.append("  end")
      } else {
        lines += group.nodes.map { "  " + line($0) }
      }
    }
    var cycleLinks: [Int] = []
    for (index, edge) in edges.enumerated() {
      let arrow = edge.inCycle ? " -- cycle --> " : " --> "
      if edge.inCycle { cycleLinks.append(index) }
      lines.append("  n\(number[edge.from]!)\(arrow)n\(number[edge.to]!)")
    }
    lines.append("  classDef missing stroke:#d00,stroke-dasharray:5 5,color:#d00")
    lines.append("  classDef installed fill:#eee")
    lines.append("  classDef platform stroke-dasharray:2 2")
    lines.append("  classDef cycle stroke:#e80,stroke-width:2px")
    if !cycleLinks.isEmpty {
      lines.append(
        "  linkStyle \(cycleLinks.map(String.init).joined(separator: ",")) stroke:#e80,stroke-width:2px"
      )
    }
    return lines.joined(separator: "\n")
  }

  /// Mermaid has no escape for `"` inside a label but takes HTML entities.
  static func mermaidText(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "#amp;").replacingOccurrences(of: "\"", with: "#quot;")
      .replacingOccurrences(of: "<", with: "#lt;").replacingOccurrences(of: ">", with: "#gt;")
  }
}
