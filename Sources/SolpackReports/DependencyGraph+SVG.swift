import Foundation
import SolpackEnvironment

extension DependencyGraph {
  /// The graph drawn by solpack itself (GraphLayout): needs nothing installed. Colours are
  /// attributes, not a stylesheet, so the file stands alone and prints the same.
  public func svg() -> String {
    let layout = GraphLayout(self)
    let w = Self.number(layout.width)
    let h = Self.number(layout.height)
    var lines = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"graph\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" role=\"img\" aria-label=\"Dependency graph: \(level.rawValue) level, \(nodes.count) nodes\" font-family=\"system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif\" font-size=\"12\">",
      "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker>"
        + "<marker id=\"arrow-cycle\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#e07000\"/></marker></defs>",
    ]
    for edge in edges {
      guard let from = layout.boxes[edge.from], let to = layout.boxes[edge.to] else { continue }
      let y1 = from.y + GraphLayout.rowHeight / 2
      let y2 = to.y + GraphLayout.rowHeight / 2
      let path: String
      if from.node.layer == to.node.layer {
        // Same column (a cycle): an arc on the left.
        let bend = from.x - 36
        path =
          "M\(Self.number(from.x)),\(Self.number(y1)) C\(Self.number(bend)),\(Self.number(y1)) \(Self.number(bend)),\(Self.number(y2)) \(Self.number(to.x)),\(Self.number(y2))"
      } else {
        let x1 = from.x
        let x2 = to.x + to.width
        let mid = (x1 + x2) / 2
        path =
          "M\(Self.number(x1)),\(Self.number(y1)) C\(Self.number(mid)),\(Self.number(y1)) \(Self.number(mid)),\(Self.number(y2)) \(Self.number(x2)),\(Self.number(y2))"
      }
      let stroke =
        edge.inCycle
        ? "stroke=\"#e07000\" stroke-width=\"2\" marker-end=\"url(#arrow-cycle)\""
        : "stroke=\"#555\" stroke-width=\"1.2\" marker-end=\"url(#arrow)\""
      let title = "\(from.node.label) requires \(to.node.label)" + (edge.inCycle ? " (cycle)" : "")
      lines.append(
        "<path class=\"edge\(edge.inCycle ? " cycle" : "")\" d=\"\(path)\" fill=\"none\" \(stroke)><title>\(Markup.escape(title))</title></path>"
      )
    }
    for node in nodes {
      guard let box = layout.boxes[node.id] else { continue }
      var classes = ["node", node.origin.rawValue]
      var fill = "#eef4ff"
      var stroke = "#3a6fc4"
      var dash = ""
      var text = "#111"
      switch node.origin {
      case .missing:
        fill = "#fff5f5"
        stroke = "#d00000"
        dash = " stroke-dasharray=\"5 3\""
        text = "#b00000"
      case .environment:
        fill = "#f0f0f0"
        stroke = "#777"
      case .platform:
        fill = "#ffffff"
        stroke = "#999"
        dash = " stroke-dasharray=\"2 2\""
      case .run: break
      }
      if node.inCycle {
        classes.append("cycle")
        stroke = "#e07000"
      }
      var tooltip = "\(node.kindName) \(node.label)"
      if let solution = node.solution { tooltip += " — \(solution)" }
      tooltip += " — \(node.origin.rawValue), layer \(node.layer + 1)"
      if node.inCycle { tooltip += ", in a cycle" }
      if !node.details.isEmpty { tooltip += "\n" + node.details.joined(separator: "\n") }
      lines.append(
        "<g class=\"\(classes.joined(separator: " "))\" data-id=\"\(Markup.escape(node.id))\"><title>\(Markup.escape(tooltip))</title>"
          + "<rect x=\"\(Self.number(box.x))\" y=\"\(Self.number(box.y))\" width=\"\(Self.number(box.width))\" height=\"\(Self.number(GraphLayout.rowHeight))\" rx=\"6\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(node.inCycle ? 2 : 1.2)\"\(dash)/>"
          + "<text x=\"\(Self.number(box.x + 10))\" y=\"\(Self.number(box.y + 19))\" fill=\"\(text)\">\(Markup.escape(box.text))</text></g>"
      )
    }
    lines.append("</svg>")
    return lines.joined(separator: "\n")
  }

  /// Coordinates with at most one decimal, so the output is stable and short.
  static func number(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
  }
}
