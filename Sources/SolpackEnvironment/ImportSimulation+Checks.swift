import Foundation
import SolpackModel

extension ImportSimulation {
  /// `missing-dependency`, `flow-reference-unknown`, and `managed-conflict` for a managed
  /// solution that would depend on unmanaged components.
  func checkDependencies(_ input: ImportInput, _ checks: inout CheckRecorder) {
    let solution = input.solution
    let present = Set(state.components.map(\.key))
    let installedNames = Set(state.solutions.map { $0.uniqueName.lowercasedName })
    var reported = Set<ComponentKey>()
    let managed = solution.manifest.managed == .managed
    for requirement in input.externalRequirements {
      let key = ComponentKey(requirement.required)
      if present.contains(key) {
        if managed, let owner = state.owners(of: key).last, !owner.managed {
          checks.add(
            "managed-conflict",
            .error(
              "managed-conflict",
              "managed solution \(input.name): \(requirement.dependentName) needs \(requirement.required), which the environment has only unmanaged (from \(owner.solution))",
              component: "\(requirement.dependent.kind.displayName) \(requirement.dependentName)",
              hint:
                "A managed component may depend only on managed components: import \(owner.solution) managed first."
            ))
        }
        continue
      }
      reported.insert(key)
      var required = "\(requirement.required)"
      if let display = requirement.requiredDisplayName,
        display.caseInsensitiveCompare(requirement.required.name) != .orderedSame
      {
        required += " (\(display))"
      }
      let dependent =
        "\(requirement.dependent.kind == .workflow ? "flow" : requirement.dependent.kind.displayName) \"\(requirement.dependentName)\""
      if let expected = requirement.expectedSolution {
        let name = expected.split(separator: " ").first.map(String.init) ?? expected
        checks.add(
          "missing-dependency",
          .error(
            "missing-dependency",
            "\(dependent) needs \(required), which is neither in the environment nor in a solution imported before \(input.name); MissingDependencies expects it from \(expected)",
            entry: "solution.xml", component: dependent,
            hint:
              "Import \(name) first — `solpack import \(name).zip \(input.displaySource)` orders them for you."
          ))
      } else if requirement.dependent.kind == .workflow {
        checks.add(
          "flow-reference-unknown",
          .error(
            "flow-reference-unknown",
            "\(dependent) uses \(required), which is not in \(input.name), not in the environment, not in this run, and not named in its MissingDependencies",
            entry: solution.workflows.first { $0.id == requirement.dependent.name }?.definitionPath,
            component: dependent,
            hint:
              "Fix the flow's reference, add the component to \(input.name), or import the solution that has it first."
          ))
      } else {
        checks.add(
          "missing-dependency",
          .error(
            "missing-dependency",
            "\(dependent) needs \(required), which is neither in the environment nor in a solution imported before \(input.name)",
            component: dependent,
            hint: "Import the solution that contains it first, or add it to \(input.name)."))
      }
    }
    for dependency in solution.manifest.missingDependencies {
      let key = ComponentKey(dependency.required)
      guard !reported.contains(key), !present.contains(key) else { continue }
      if let name = dependency.required.solutionUniqueName,
        installedNames.contains(name.lowercasedName)
      {
        continue
      }
      reported.insert(key)
      let from = dependency.required.solution ?? "another solution"
      let what = "\(dependency.required.type?.label ?? "component") \(dependency.required.name)"
      let dependent =
        "\(dependency.dependent.type?.label ?? "component") \(dependency.dependent.displayName ?? dependency.dependent.name)"
      let provide: String
      if let name = dependency.required.solutionUniqueName {
        let version =
          from.split(separator: "(").last.map { $0.dropLast() }.map(String.init) ?? "1.0.0.0"
        provide =
          "import \(name) first, or declare it: `solpack env provide \(name) --version \(version)`"
      } else {
        provide =
          "import the solution that has it first, or declare it: `solpack env provide <Solution> --version <V> --component \(dependency.required.type?.description ?? "TYPE"):\(dependency.required.name)`"
      }
      checks.add(
        "missing-dependency",
        .error(
          "missing-dependency",
          "\(dependent) needs \(what) from \(from), which the environment does not have",
          entry: "solution.xml", component: dependent,
          hint: provide.prefix(1).uppercased() + provide.dropFirst() + "."))
    }
  }

  /// `env-value-type`, `secret-not-reference`, `required-value-missing`.
  func checkValues(_ input: ImportInput, _ values: [String: String], _ checks: inout CheckRecorder)
  {
    for variable in input.solution.environmentVariables {
      let key = variable.schemaName.lowercasedName
      let component = "environment variable \(variable.schemaName)"
      let entry =
        variable.form == .folder
        ? "environmentvariabledefinitions/\(variable.schemaName)/" : "customizations.xml"
      let candidates = [("current value", values[key]), ("default value", variable.defaultValue)]
      for (label, value) in candidates {
        guard let value, !value.isEmpty else { continue }
        if variable.isSecret {
          if !ValueRules.keyVault(value) {
            checks.add(
              "secret-not-reference",
              .error(
                "secret-not-reference",
                "the \(label) of Secret \(variable.schemaName) is not an Azure Key Vault reference (the value is not shown)",
                entry: entry, component: component,
                hint:
                  "Give /subscriptions/{id}/resourceGroups/{group}/providers/Microsoft.KeyVault/vaults/{vault}/secrets/{name}, never the secret itself."
              ))
          }
        } else if let problem = ValueRules.problem(value, type: variable.type) {
          checks.add(
            "env-value-type",
            .error(
              "env-value-type",
              "the \(label) of \(variable.type?.displayName ?? "") variable \(variable.schemaName) \(problem): \"\(value.prefix(60))\"",
              entry: entry, component: component,
              hint:
                "Give a \(variable.type?.displayName ?? "valid") value in the deployment settings or in environmentvariablevalues.json."
            ))
        }
      }
      if variable.isRequired == true, (values[key] ?? "").isEmpty,
        (variable.defaultValue ?? "").isEmpty
      {
        checks.add(
          "required-value-missing",
          .error(
            "required-value-missing",
            "\(variable.schemaName) is required and has neither a default nor a current value",
            entry: entry, component: component,
            hint: "Set it in the deployment settings (`solpack create-settings` writes a template)."
          ))
      }
    }
  }

  /// `credential-invalid`: the env vars a credential points at have the right types,
  /// and certificate authentication is only for Connection usage.
  func checkCredentials(_ input: ImportInput, _ checks: inout CheckRecorder) {
    guard !input.solution.credentials.isEmpty else { return }
    let inside = Dictionary(
      input.solution.environmentVariables.map { ($0.schemaName.lowercasedName, $0.type?.rawValue) },
      uniquingKeysWith: { first, _ in first })
    let environment = Dictionary(
      state.environmentVariables.map { ($0.schemaName.lowercasedName, $0.type) },
      uniquingKeysWith: { first, _ in first })
    func type(of schema: String) -> Int? {
      let key = schema.lowercasedName
      if let found = inside[key] { return found }
      return environment[key] ?? nil
    }
    for credential in input.solution.credentials {
      var problems: [String] = []
      if let user = credential.usernameVariable, let found = type(of: user),
        found != EnvironmentVariableType.string.rawValue
      {
        problems.append("its username variable \(user) is not of type String")
      }
      if let password = credential.passwordVariable, let found = type(of: password),
        found != EnvironmentVariableType.secret.rawValue
      {
        problems.append("its password variable \(password) is not of type Secret")
      }
      if credential.connectionType == 5,
        credential.usageTypes.contains(where: { $0 != 280_920_000 })
      {
        problems.append("certificate authentication is only for Connection usage")
      }
      for problem in problems {
        checks.add(
          "credential-invalid",
          .error(
            "credential-invalid", "credential \"\(credential.name)\": \(problem)",
            entry: credential.path,
            component: "credential \"\(credential.name)\"",
            hint:
              "A credential's username is a String env var and its password a Secret env var holding a Key Vault reference."
          ))
      }
    }
  }
}
