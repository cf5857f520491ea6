import Foundation
import SolpackModel

/// Orders the solutions of one run: a solution that provides a component another
/// needs goes first, whatever order they were given in. Ties keep name order, so the
/// plan is the same for any order of arguments.
enum ImportPlanner {
  struct Plan {
    var order: [Int]
    /// For each input, the inputs (by unique name) it must come after.
    var after: [[String]]
    var cycle: Diagnostic?
  }

  static func plan(_ inputs: [ImportInput]) -> Plan {
    var providers: [ComponentKey: Int] = [:]
    for (index, input) in inputs.enumerated() {
      for key in input.componentKeys where providers[key] == nil { providers[key] = index }
    }
    var edges = Array(repeating: Set<Int>(), count: inputs.count)  // index → inputs it needs
    // A solution alone needs no other input (and its requirements may still be computing).
    for (index, input) in inputs.enumerated() where inputs.count > 1 {
      for key in input.externalKeys {
        if let provider = providers[key], provider != index { edges[index].insert(provider) }
      }
      for dependency in input.solution.manifest.missingDependencies {
        guard let name = dependency.required.solutionUniqueName else { continue }
        if let provider = inputs.firstIndex(where: {
          $0.name.caseInsensitiveCompare(name) == .orderedSame
        }),
          provider != index
        {
          edges[index].insert(provider)
        }
      }
    }
    let after = edges.map { $0.map { inputs[$0].name }.sorted() }
    // Kahn's algorithm, always taking the ready solution with the smallest name.
    var remaining = Set(inputs.indices)
    var order: [Int] = []
    while !remaining.isEmpty {
      let ready = remaining.filter { edges[$0].isSubset(of: Set(order)) }
        .sorted { inputs[$0].name.lowercasedName < inputs[$1].name.lowercasedName }
      guard let next = ready.first else {
        return Plan(order: order, after: after, cycle: cycleDiagnostic(inputs, edges, remaining))
      }
      order.append(next)
      remaining.remove(next)
    }
    return Plan(order: order, after: after, cycle: nil)
  }

  /// Walks needs from a remaining solution until one repeats: that loop is the cycle.
  private static func cycleDiagnostic(
    _ inputs: [ImportInput], _ edges: [Set<Int>], _ remaining: Set<Int>
  )
    -> Diagnostic
  {
    var path: [Int] = []
    var current = remaining.sorted { inputs[$0].name < inputs[$1].name }[0]
    while !path.contains(current) {
      path.append(current)
      current =
        edges[current].intersection(remaining).sorted { inputs[$0].name < inputs[$1].name }.first
        ?? current
    }
    let loop =
      path[path.firstIndex(of: current)!...].map { inputs[$0].name } + [inputs[current].name]
    return .error(
      "dependency-cycle",
      "these solutions need each other, so none can be imported first: \(loop.joined(separator: " → "))",
      hint:
        "Move the shared components (env vars, connection references, credentials) into a solution of their own and import it first."
    )
  }
}
