import Foundation
import SolpackModel

/// Builds the dependency graph of archives and folders, optionally against an
/// environment: the same reading of what each solution provides and needs that import
/// plans with, so the graph's layers are the import order. Never prints.
public enum DependencyGraphBuilder {
  /// Reads `paths`; those that cannot be read come back as diagnostics and are left out.
  public static func build(
    _ paths: [String], state: EnvironmentState = EnvironmentState(), level: DependencyGraph.Level
  ) -> (graph: DependencyGraph, diagnostics: [Diagnostic]) {
    let (inputs, diagnostics) = ImportInput.read(paths)
    return (build(inputs, state: state, level: level), diagnostics)
  }

  static func build(_ inputs: [ImportInput], state: EnvironmentState, level: DependencyGraph.Level)
    -> DependencyGraph
  {
    var builder = Builder(state: state)
    switch level {
    case .solution: builder.addSolutions(inputs)
    case .component: builder.addComponents(inputs)
    }
    var graph = DependencyGraph(
      level: level, nodes: builder.nodes,
      edges: builder.edges.sorted { ($0.from, $0.to) < ($1.from, $1.to) })
    graph.assignLayers()
    return graph
  }

  private struct Builder {
    let state: EnvironmentState
    var nodes: [DependencyGraph.Node] = []
    var known: [String: Int] = [:]
    var edges = Set<DependencyGraph.Edge>()

    init(state: EnvironmentState) { self.state = state }

    mutating func add(_ node: DependencyGraph.Node) {
      if let existing = known[node.id] {
        for detail in node.details where !nodes[existing].details.contains(detail) {
          nodes[existing].details.append(detail)
        }
        return
      }
      known[node.id] = nodes.count
      nodes.append(node)
    }

    mutating func require(_ from: String, _ to: String) {
      edges.insert(DependencyGraph.Edge(from: from, to: to))
    }

    // MARK: Solutions

    mutating func addSolutions(_ inputs: [ImportInput]) {
      var providers: [ComponentKey: Int] = [:]
      for (index, input) in inputs.enumerated() {
        add(
          .init(
            id: Self.solutionID(input.name), kind: .solution,
            label: "\(input.name) \(input.solution.manifest.version)", origin: .run))
        for key in input.componentKeys where providers[key] == nil { providers[key] = index }
      }
      let plan = ImportPlanner.plan(inputs)
      for (index, names) in plan.after.enumerated() {
        for name in names { require(Self.solutionID(inputs[index].name), Self.solutionID(name)) }
      }
      for input in inputs {
        let expected = Self.expectedSolutions(input.solution)
        let names = Self.requiredNames(input.solution)
        for key in input.externalKeys where providers[key] == nil {
          let name = names[key] ?? key.description
          let from = Self.solutionID(input.name)
          if let owner = state.owners(of: key).last {
            let installed = state.solution(owner.solution)
            add(
              .init(
                id: Self.solutionID(owner.solution), kind: .solution,
                label: [owner.solution, installed?.version].compactMap { $0 }.joined(
                  separator: " "),
                origin: .environment))
            require(from, Self.solutionID(owner.solution))
          } else if let solution = expected[key], let provider = Self.uniqueName(solution) {
            let id = "missing:" + provider.lowercasedName
            add(
              .init(
                id: id, kind: .solution, label: solution, solution: provider, origin: .missing,
                details: [name]))
            require(from, id)
          } else {
            let id = Self.missingID(key)
            add(.init(id: id, kind: Self.kind(key), label: name, origin: .missing))
            require(from, id)
          }
        }
      }
    }

    // MARK: Components

    mutating func addComponents(_ inputs: [ImportInput]) {
      for input in inputs {
        let solution = input.solution
        let name = input.name
        for flow in solution.workflows {
          add(
            .init(
              id: Self.componentID(ComponentKey(ComponentReference(.workflow, flow.id))),
              kind: flow.kind == .desktopFlow ? .desktopFlow : .flow, label: flow.name,
              solution: name, origin: .run))
        }
        for reference in solution.connectionReferences {
          add(component(.connectionReference, reference.logicalName, solution: name))
        }
        for variable in solution.environmentVariables {
          add(component(.environmentVariable, variable.schemaName, solution: name))
        }
        for credential in solution.credentials {
          add(component(.credential, credential.name, solution: name))
        }
        for connector in solution.customConnectors {
          guard let id = connector.id else { continue }
          var node = component(.customConnector, id, solution: name)
          node.label = connector.displayName ?? connector.name
          add(node)
        }
      }
      for input in inputs {
        let expected = Self.expectedSolutions(input.solution)
        for requirement in input.solution.requirements {
          let from = Self.componentID(ComponentKey(requirement.dependent))
          let key = ComponentKey(requirement.required)
          resolve(
            key, kind: Self.kind(key),
            label: requirement.requiredDisplayName ?? requirement.required.name,
            expected: expected[key])
          require(from, Self.componentID(key))
        }
        // What MissingDependencies names that solpack does not type (tables, plug-ins).
        for dependency in input.solution.manifest.missingDependencies
        where dependency.required.reference == nil {
          let from = Self.componentID(ComponentKey(dependency.dependent))
          if known[from] == nil {
            // A dependent solpack does not type (a table, an app): drawn so the need shows.
            add(
              .init(
                id: from, kind: .other, label: Self.name(dependency.dependent),
                solution: input.name,
                origin: .run))
          }
          let key = ComponentKey(dependency.required)
          resolve(
            key, kind: .other,
            label: Self.name(dependency.required),
            expected: dependency.required.solution)
          require(from, Self.componentID(key))
        }
        for reference in input.solution.connectionReferences
        where reference.customConnectorID == nil {
          guard let connector = reference.connectorName else { continue }
          let id = "connector:" + connector.lowercasedName
          add(.init(id: id, kind: .connector, label: connector, origin: .platform))
          require(
            Self.componentID(
              ComponentKey(ComponentReference(.connectionReference, reference.logicalName))), id)
        }
      }
    }

    /// Adds the node for a required component not in the run: from the environment when
    /// it has it, else missing (from the solution MissingDependencies names).
    private mutating func resolve(
      _ key: ComponentKey, kind: DependencyGraph.Node.Kind, label: String, expected: String?
    ) {
      let id = Self.componentID(key)
      guard known[id] == nil else { return }
      if let owner = state.owners(of: key).last {
        add(
          .init(
            id: id, kind: kind, label: owner.displayName ?? label, solution: owner.solution,
            origin: .environment))
      } else {
        add(
          .init(
            id: id, kind: kind, label: label, solution: expected.flatMap(Self.uniqueName),
            origin: .missing))
      }
    }

    private func component(_ kind: ComponentKind, _ name: String, solution: String)
      -> DependencyGraph.Node
    {
      let key = ComponentKey(ComponentReference(kind, name))
      return .init(
        id: Self.componentID(key), kind: Self.kind(key), label: name, solution: solution,
        origin: .run)
    }

    // MARK: Names

    static func solutionID(_ name: String) -> String { "solution:" + name.lowercasedName }
    static func componentID(_ key: ComponentKey) -> String { "\(key.type):\(key.name)" }
    static func missingID(_ key: ComponentKey) -> String { "missing:\(key.type):\(key.name)" }

    static func kind(_ key: ComponentKey) -> DependencyGraph.Node.Kind {
      switch ComponentKind(rawValue: key.type) {
      case .workflow: .flow
      case .connectionReference: .connectionReference
      case .environmentVariable: .environmentVariable
      case .credential: .credential
      case .customConnector: .connector
      case nil: .other
      }
    }

    /// `CredentialsCore (1.0.0.0)` → `CredentialsCore`; nil for `Active`.
    static func uniqueName(_ solution: String) -> String? {
      guard solution != "Active", !solution.isEmpty else { return nil }
      return solution.split(separator: " ").first.map(String.init)
    }

    /// Names for people of what the solution needs, as written (keys are lower-cased).
    static func requiredNames(_ solution: Solution) -> [ComponentKey: String] {
      var result: [ComponentKey: String] = [:]
      for requirement in solution.externalRequirements {
        result[ComponentKey(requirement.required)] = requirement.required.description
      }
      for dependency in solution.manifest.missingDependencies {
        let key = ComponentKey(dependency.required)
        result[key] = result[key] ?? name(dependency.required)
      }
      return result
    }

    /// `Entity admin_app`, `connection reference contoso_X`.
    static func name(_ endpoint: DependencyEndpoint) -> String {
      if let reference = endpoint.reference { return reference.description }
      return "\(endpoint.type?.displayName ?? "component") \(endpoint.name)"
    }

    /// For each component the solution needs, the solution MissingDependencies says has it.
    static func expectedSolutions(_ solution: Solution) -> [ComponentKey: String] {
      var result: [ComponentKey: String] = [:]
      for dependency in solution.manifest.missingDependencies {
        guard let expected = dependency.required.solution else { continue }
        result[ComponentKey(dependency.required)] =
          result[ComponentKey(dependency.required)] ?? expected
      }
      for requirement in solution.externalRequirements {
        guard let expected = requirement.expectedSolution else { continue }
        let key = ComponentKey(requirement.required)
        result[key] = result[key] ?? expected
      }
      return result
    }
  }
}
