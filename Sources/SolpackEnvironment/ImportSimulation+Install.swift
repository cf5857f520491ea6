import Foundation
import SolpackModel

extension ImportSimulation {
  struct InstallChanges {
    var added: [String] = []
    var updated: [String] = []
    var removed: [String] = []
    var flows: [ImportReport.FlowState] = []
    var blocked: Diagnostic?
    var bindings: [Diagnostic] = []
  }

  /// Puts the solution's components into the simulated environment: components in
  /// both versions are replaced, new ones added, and those no longer in the archive
  /// kept — or, with `--upgrade`, removed unless another solution needs them.
  mutating func install(_ input: ImportInput, values: [String: String]) -> InstallChanges {
    var changes = InstallChanges()
    let solution = input.solution
    let name = input.name
    let managed = solution.manifest.managed == .managed
    let names = displayNames(solution)
    let newKeys = Set(input.componentKeys)
    let before = Set(
      state.components.filter { $0.solution.lowercased() == name.lowercased() }.map(\.key))
    var removedKeys = options.upgrade ? before.subtracting(newKeys) : []
    let dependents = state.requirements.filter {
      removedKeys.contains($0.key) && $0.solution.lowercased() != name.lowercased()
    }
    if let first = dependents.first {
      changes.blocked = .error(
        "upgrade-removal-blocked",
        "upgrading \(name) would remove \(first.key), which \(first.solution) needs",
        component: first.key.description,
        hint:
          "Keep \(first.key) in \(name), or update \(first.solution) so it no longer needs it, then upgrade."
      )
      removedKeys.subtract(dependents.map(\.key))
    }
    changes.added = newKeys.subtracting(before).map { names[$0] ?? $0.description }.sorted()
    changes.updated = newKeys.intersection(before).map { names[$0] ?? $0.description }.sorted()
    let previous = Dictionary(
      state.components.filter { $0.solution.lowercased() == name.lowercased() }.map {
        ($0.key, $0.displayName)
      },
      uniquingKeysWith: { first, _ in first })
    changes.removed = removedKeys.map { (previous[$0] ?? nil) ?? $0.description }.sorted()

    let record = InstalledSolution(
      uniqueName: name, displayName: solution.manifest.displayName,
      version: solution.manifest.version.text,
      managed: managed, publisher: solution.manifest.publisher.uniqueName, installedAt: options.now)
    state.solutions.removeAll { $0.uniqueName.lowercased() == name.lowercased() }
    state.solutions.append(record)
    state.components.removeAll {
      $0.solution.lowercased() == name.lowercased()
        && (newKeys.contains($0.key) || removedKeys.contains($0.key))
    }
    state.components += newKeys.sorted { ($0.type, $0.name) < ($1.type, $1.name) }.map {
      ComponentRecord(key: $0, solution: name, managed: managed, displayName: names[$0])
    }
    state.requirements.removeAll { $0.solution.lowercased() == name.lowercased() }
    state.requirements += input.externalKeys.map { RequirementRecord(solution: name, key: $0) }
    removeTyped(removedKeys, of: name)
    putTyped(input, values: values)
    computeFlows(input, &changes)
    recordSharing(input)
    let source = input.source
    entries[name] = source.entries.map { entry in
      StoredEntry(path: entry.path, size: entry.size) { try source.read(entry.path) }
    }
    return changes
  }

  private func displayNames(_ solution: Solution) -> [ComponentKey: String] {
    var names: [ComponentKey: String] = [:]
    for flow in solution.workflows {
      names[ComponentKey(type: "workflow", name: flow.id)] = "\(flow.kind.displayName) \(flow.name)"
    }
    for reference in solution.connectionReferences {
      names[ComponentKey(type: "connection-reference", name: reference.logicalName)] =
        "connection reference \(reference.logicalName)"
    }
    for variable in solution.environmentVariables {
      names[ComponentKey(type: "environment-variable", name: variable.schemaName)] =
        "environment variable \(variable.schemaName)"
    }
    for credential in solution.credentials {
      names[ComponentKey(type: "credential", name: credential.name)] =
        "credential \(credential.name)"
    }
    for connector in solution.customConnectors {
      if let id = connector.id {
        names[ComponentKey(type: "custom-connector", name: id)] =
          "custom connector \(connector.displayName ?? connector.name)"
      }
    }
    return names
  }

  private mutating func removeTyped(_ keys: Set<ComponentKey>, of solution: String) {
    func removed(_ type: ComponentKind, _ name: String, _ owner: String) -> Bool {
      owner.lowercased() == solution.lowercased()
        && keys.contains(ComponentKey(type: type.rawValue, name: name))
    }
    state.environmentVariables.removeAll {
      removed(.environmentVariable, $0.schemaName, $0.solution)
    }
    state.connectionReferences.removeAll {
      removed(.connectionReference, $0.logicalName, $0.solution)
    }
    state.credentials.removeAll { removed(.credential, $0.name, $0.solution) }
    state.flows.removeAll { removed(.workflow, $0.id, $0.solution) }
  }

  private mutating func putTyped(_ input: ImportInput, values: [String: String]) {
    let name = input.name
    for variable in input.solution.environmentVariables {
      let key = variable.schemaName.lowercased()
      state.environmentVariables.removeAll { $0.schemaName.lowercased() == key }
      state.environmentVariables.append(
        EnvironmentVariableRecord(
          schemaName: variable.schemaName, solution: name, type: variable.type?.rawValue,
          defaultValue: variable.defaultValue, currentValue: values[key],
          isRequired: variable.isRequired ?? false))
    }
    for reference in input.solution.connectionReferences {
      let key = reference.logicalName.lowercased()
      let existing = state.connectionReferences.first { $0.logicalName.lowercased() == key }
      var connection = existing?.connectionID
      if let setting = options.settings?.connectionReferences.first(where: {
        $0.logicalName.lowercased() == key
      }) {
        usedSettings.insert("conn:" + key)
        if !setting.connectionID.isEmpty { connection = setting.connectionID }
      }
      state.connectionReferences.removeAll { $0.logicalName.lowercased() == key }
      state.connectionReferences.append(
        ConnectionReferenceRecord(
          logicalName: reference.logicalName, solution: name, connectorID: reference.connectorID,
          connectionID: connection))
    }
    for credential in input.solution.credentials {
      state.credentials.removeAll { $0.name.lowercased() == credential.name.lowercased() }
      state.credentials.append(CredentialRecord(credential, solution: name))
    }
    state.environmentVariables.sort { $0.schemaName.lowercased() < $1.schemaName.lowercased() }
    state.connectionReferences.sort { $0.logicalName.lowercased() < $1.logicalName.lowercased() }
    state.credentials.sort { $0.name.lowercased() < $1.name.lowercased() }
  }

  /// A flow is on when all its connection references are bound and all its env vars
  /// have a value; otherwise it is off and the reasons say why.
  private mutating func computeFlows(_ input: ImportInput, _ changes: inout InstallChanges) {
    var unboundUsers: [String: [String]] = [:]
    for flow in input.solution.workflows {
      var reasons: [String] = []
      var isOn = flow.isOn
      if flow.kind == .cloudFlow || flow.kind == .desktopFlow {
        if !flow.isOn { reasons.append("it was exported turned off") }
        for reference in flow.references.connectionReferences {
          let record = state.connectionReferences.first {
            $0.logicalName.lowercased() == reference.lowercased()
          }
          if record?.isBound != true {
            reasons.append("connection reference \(reference) is not bound")
            unboundUsers[reference.lowercased(), default: []].append(flow.name)
          }
        }
        for variable in flow.references.environmentVariables {
          let record = state.environmentVariables.first {
            $0.schemaName.lowercased() == variable.lowercased()
          }
          if record?.hasValue != true {
            reasons.append("environment variable \(variable) has no value")
          }
        }
        isOn = reasons.isEmpty
        changes.flows.append(
          ImportReport.FlowState(id: flow.id, name: flow.name, on: isOn, reasons: reasons))
      }
      state.flows.removeAll { $0.id == flow.id }
      state.flows.append(
        FlowRecord(
          id: flow.id, solution: input.name, name: flow.name, kind: flow.kind.rawValue, isOn: isOn,
          reasons: reasons))
    }
    changes.flows.sort { $0.name < $1.name }
    for reference in input.solution.connectionReferences {
      let record = state.connectionReferences.first {
        $0.logicalName.lowercased() == reference.logicalName.lowercased()
      }
      guard record?.isBound != true else { continue }
      let users = unboundUsers[reference.logicalName.lowercased(), default: []].sorted()
      changes.bindings.append(
        .warning(
          "connection-unbound",
          "connection reference \(reference.logicalName) is not bound to a connection"
            + (users.isEmpty ? "" : "; \(users.joined(separator: ", ")) imported but left off"),
          entry: "customizations.xml", component: "connection reference \(reference.logicalName)",
          hint:
            "Bind it with a ConnectionId in the deployment settings (--settings); `solpack create-settings` writes a template."
        ))
    }
  }

}
