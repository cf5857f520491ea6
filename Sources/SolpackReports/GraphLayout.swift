import SolpackEnvironment

/// Places a dependency graph's nodes for drawing: one column per layer, left to right in
/// import order; inside a column, nodes sorted by the mean row of what they require (one
/// barycentre pass), so edges cross less. Sizes are estimates from character counts,
/// since no font is measured.
struct GraphLayout {
  struct Box {
    var node: DependencyGraph.Node
    var x: Double
    var y: Double
    var width: Double
    var text: String
  }

  static let rowHeight = 30.0
  static let rowGap = 14.0
  static let columnGap = 90.0
  static let margin = 16.0
  static let characterWidth = 7.2
  static let maxCharacters = 56

  var boxes: [String: Box] = [:]
  var width = 0.0
  var height = 0.0

  init(_ graph: DependencyGraph) {
    var columns = Array(repeating: [DependencyGraph.Node](), count: graph.layerCount)
    for node in graph.nodes { columns[node.layer].append(node) }
    var row: [String: Double] = [:]
    for (index, column) in columns.enumerated() {
      var ordered = column
      if index > 0 {
        let needs = Dictionary(grouping: graph.edges, by: \.from)
        let keyed = column.enumerated().map {
          position, node -> (Double, Int, DependencyGraph.Node) in
          let rows = (needs[node.id] ?? []).compactMap { row[$0.to] }
          let mean = rows.isEmpty ? Double(position) : rows.reduce(0, +) / Double(rows.count)
          return (mean, position, node)
        }
        ordered = keyed.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
      }
      for (position, node) in ordered.enumerated() { row[node.id] = Double(position) }
      columns[index] = ordered
    }
    var x = Self.margin
    var tallest = 0
    for column in columns {
      let texts = column.map { Self.shortened($0.caption(graph.level)) }
      let columnWidth = (texts.map { Double($0.count) }.max() ?? 4) * Self.characterWidth + 20
      for (position, node) in column.enumerated() {
        boxes[node.id] = Box(
          node: node, x: x, y: Self.margin + Double(position) * (Self.rowHeight + Self.rowGap),
          width: columnWidth, text: texts[position])
      }
      tallest = max(tallest, column.count)
      x += columnWidth + Self.columnGap
    }
    width = max(x - Self.columnGap + Self.margin, 120)
    height = Self.margin * 2 + Double(tallest) * (Self.rowHeight + Self.rowGap) - Self.rowGap
    height = max(height, 60)
  }

  /// Long names are cut with an ellipsis; the full name is in the node's tooltip.
  static func shortened(_ text: String) -> String {
    text.count <= maxCharacters ? text : String(text.prefix(maxCharacters - 1)) + "…"
  }
}
