import ArgumentParser
import Foundation
import SolpackEnvironment
import SolpackModel

extension Solpack {
  struct Env: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "env",
      abstract: "Look at an environment, or declare solutions it has that solpack did not import.",
      discussion: """
        The environment is --env, else $SOLPACK_ENV, else ./solpack-env.sqlite.

        Examples:
          solpack env list
          solpack env show CredentialsCore
          solpack env provide msdynce_Sales --version 9.0.4.0 --component 1:quote
        """,
      subcommands: [List.self, Show.self, Provide.self])
  }
}

extension Solpack.Env {
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List the installed solutions.",
      discussion: "Example:\n  solpack env list --env dev.sqlite")

    @OptionGroup var environment: EnvironmentOption

    func run() throws {
      try runReporting(source: environment.store.location) {
        let state = try environment.store.load()
        if state.solutions.isEmpty {
          Console.out("\(environment.store.location): no solutions")
          return []
        }
        for solution in state.solutions {
          let count = state.components.filter { $0.solution == solution.uniqueName }.count
          let kind = solution.provided ? "declared" : (solution.managed ? "managed" : "unmanaged")
          Console.out("\(solution.uniqueName) \(solution.version) (\(kind)), \(count) components")
        }
        return []
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Show one installed solution: components, values set, bindings, flows on and off.",
      discussion: "Secret values are never shown.\n\nExample:\n  solpack env show InvoiceFlows")

    @Argument(help: "The solution's unique name.")
    var uniqueName: String

    @OptionGroup var environment: EnvironmentOption

    func run() throws {
      try runReporting(source: environment.store.location) {
        let state = try environment.store.load()
        guard let solution = state.solution(uniqueName) else {
          throw DiagnosticError(
            .error(
              "solution-not-installed", "\(uniqueName) is not in \(environment.store.location)",
              hint: "`solpack env list` shows what is installed."))
        }
        Console.out(EnvironmentText.show(solution, in: state))
        return []
      }
    }
  }

  struct Provide: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "provide",
      abstract: "Declare a solution the environment has without solpack importing it.",
      discussion: """
        For first-party apps (msdynce_Sales) and the platform's own tables, so dependencies
        on them are satisfied. TYPE is a component type code (1 entity, 29 workflow, 372
        connector, …) or a logical name (connectionreference, EnvironmentVariableDefinition).

        Example:
          solpack env provide msdynce_Sales --version 9.0.4.0 --component 1:quote
        """)

    @Argument(help: "The solution's unique name.")
    var uniqueName: String

    @Option(help: "Its version.")
    var version: String

    @Option(
      name: .customLong("component"), help: "TYPE:NAME of a component it provides (repeatable).")
    var components: [String] = []

    @OptionGroup var environment: EnvironmentOption

    func validate() throws {
      for component in components where ComponentKey(argument: component) == nil {
        throw ValidationError("--component \(component) is not TYPE:NAME (e.g. 1:quote)")
      }
    }

    func run() throws {
      try runReporting(source: environment.store.location) {
        let keys = components.compactMap(ComponentKey.init(argument:))
        try EnvironmentEngine.provide(
          uniqueName, version: version, components: keys, store: environment.store)
        Console.out(
          "Declared \(uniqueName) \(version) with \(keys.count) component\(keys.count == 1 ? "" : "s") in \(environment.store.location)"
        )
        return []
      }
    }
  }
}

enum EnvironmentText {
  static func show(_ solution: InstalledSolution, in state: EnvironmentState) -> String {
    let name = solution.uniqueName.lowercased()
    let kind =
      solution.provided ? "declared with env provide" : (solution.managed ? "managed" : "unmanaged")
    var lines = ["\(solution.displayName) (\(solution.uniqueName)) \(solution.version), \(kind)"]
    let owned = state.components.filter { $0.solution.lowercased() == name }
    lines.append("Components: \(owned.count)")
    let variables = state.environmentVariables.filter { $0.solution.lowercased() == name }
    if !variables.isEmpty {
      lines.append("Environment variables:")
      for variable in variables {
        let type = variable.type.flatMap(EnvironmentVariableType.init)
        var line = "  \(variable.schemaName) (\(type?.displayName ?? "?"))"
        if type == .secret {
          line += variable.hasValue ? ": Key Vault reference set (not shown)" : ": no value"
        } else if let value = variable.currentValue, !value.isEmpty {
          line += " = \(value)"
        } else if let value = variable.defaultValue, !value.isEmpty {
          line += " = \(value) (default)"
        } else {
          line += ": no value"
        }
        lines.append(line)
      }
    }
    let references = state.connectionReferences.filter { $0.solution.lowercased() == name }
    if !references.isEmpty {
      lines.append("Connection references:")
      for reference in references {
        lines.append(
          "  \(reference.logicalName): \(reference.isBound ? "bound to \(reference.connectionID ?? "")" : "not bound")"
        )
      }
    }
    let credentials = state.credentials.filter { $0.solution.lowercased() == name }
    if !credentials.isEmpty {
      lines.append("Credentials:")
      for credential in credentials {
        let variables = [
          credential.usernameVariable, credential.passwordVariable, credential.certificateVariable,
        ]
        .compactMap { $0 }.joined(separator: ", ")
        lines.append(
          "  \(credential.name) (\(credential.store ?? "store unknown")) uses \(variables)")
      }
    }
    let flows = state.flows.filter { $0.solution.lowercased() == name }
    if !flows.isEmpty {
      lines.append("Flows:")
      for flow in flows {
        lines.append(
          "  \(flow.name): \(flow.isOn ? "on" : "off")"
            + (flow.reasons.isEmpty ? "" : " (\(flow.reasons.joined(separator: "; ")))"))
      }
    }
    let needs = state.requirements.filter { $0.solution.lowercased() == name }
    if !needs.isEmpty {
      lines.append("Needs from other solutions:")
      for need in needs {
        let owner = state.owners(of: need.key).last?.solution ?? "missing"
        lines.append("  \(need.key) from \(owner)")
      }
    }
    return lines.joined(separator: "\n")
  }
}
