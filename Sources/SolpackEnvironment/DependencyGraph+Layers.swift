import Foundation

extension DependencyGraph {
  /// Sets each node's layer and cycle mark from the edges: strongly connected components
  /// (Tarjan) are the cycles; on the graph of components, a node's layer is one more than
  /// the highest layer it requires, so every node stands right of what it needs. A cycle's
  /// nodes share one layer.
  mutating func assignLayers() {
    let index = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1.id, $0) })
    var needs = Array(repeating: [Int](), count: nodes.count)
    for edge in edges {
      if let from = index[edge.from], let to = index[edge.to] { needs[from].append(to) }
    }
    let components = Self.stronglyConnected(needs)
    var componentOf = Array(repeating: 0, count: nodes.count)
    for (number, members) in components.enumerated() {
      for member in members { componentOf[member] = number }
    }
    // Tarjan emits a component only after every component it reaches: required first.
    var layerOf = Array(repeating: 0, count: components.count)
    for (number, members) in components.enumerated() {
      var layer = 0
      for member in members {
        for required in needs[member] where componentOf[required] != number {
          layer = max(layer, layerOf[componentOf[required]] + 1)
        }
      }
      layerOf[number] = layer
    }
    var cyclic = Set<Int>()
    cycles = []
    for (number, members) in components.enumerated() {
      let selfLoop = members.count == 1 && needs[members[0]].contains(members[0])
      guard members.count > 1 || selfLoop else { continue }
      cyclic.insert(number)
      cycles.append(members.map { nodes[$0].id }.sorted())
    }
    cycles.sort { $0.lexicographicallyPrecedes($1) }
    for position in nodes.indices {
      nodes[position].layer = layerOf[componentOf[position]]
      nodes[position].inCycle = cyclic.contains(componentOf[position])
    }
    edges = edges.map { edge in
      var edge = edge
      if let from = index[edge.from], let to = index[edge.to] {
        edge.inCycle = componentOf[from] == componentOf[to] && cyclic.contains(componentOf[from])
      }
      return edge
    }
    nodes.sort {
      ($0.layer, $0.solution?.lowercasedName ?? "", $0.label.lowercasedName, $0.id)
        < ($1.layer, $1.solution?.lowercasedName ?? "", $1.label.lowercasedName, $1.id)
    }
    edges.sort { ($0.from, $0.to) < ($1.from, $1.to) }
  }

  /// Tarjan's algorithm, iterative so a long chain cannot overflow the stack.
  static func stronglyConnected(_ needs: [[Int]]) -> [[Int]] {
    var counter = 0
    var order = Array(repeating: -1, count: needs.count)
    var low = Array(repeating: 0, count: needs.count)
    var onStack = Array(repeating: false, count: needs.count)
    var stack: [Int] = []
    var result: [[Int]] = []
    for root in needs.indices where order[root] < 0 {
      var work: [(node: Int, next: Int)] = [(root, 0)]
      order[root] = counter
      low[root] = counter
      counter += 1
      stack.append(root)
      onStack[root] = true
      while let (node, next) = work.last {
        if next < needs[node].count {
          work[work.count - 1].next += 1
          let target = needs[node][next]
          if order[target] < 0 {
            order[target] = counter
            low[target] = counter
            counter += 1
            stack.append(target)
            onStack[target] = true
            work.append((target, 0))
          } else if onStack[target] {
            low[node] = min(low[node], order[target])
          }
          continue
        }
        work.removeLast()
        if let parent = work.last?.node { low[parent] = min(low[parent], low[node]) }
        if low[node] == order[node] {
          var members: [Int] = []
          while let top = stack.popLast() {
            onStack[top] = false
            members.append(top)
            if top == node { break }
          }
          result.append(members.sorted())
        }
      }
    }
    return result
  }
}
