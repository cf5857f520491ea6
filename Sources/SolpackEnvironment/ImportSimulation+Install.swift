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
    let names = input.displayNames
    let newKeys = Set(input.componentKeys)
    let before = Set(
      state.components.filter { $0.solution.lowercasedName == name.lowercasedName }.map(\.key))
    var removedKeys = options.upgrade ? before.subtracting(newKeys) : []
    let dependents = state.requirements.filter {
      removedKeys.contains($0.key) && $0.solution.lowercasedName != name.lowercasedName
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
    // Sorting thousands of names is the largest part of the report's lists: done on
    // another core while the install goes on.
    let listed = BackgroundTask { [before] in
      (
        added: newKeys.subtracting(before).map { names[$0] ?? $0.description }.sorted(),
        updated: newKeys.intersection(before).map { names[$0] ?? $0.description }.sorted()
      )
    }
    let previous = Dictionary(
      state.components.filter { $0.solution.lowercasedName == name.lowercasedName }.map {
        ($0.key, $0.displayName)
      },
      uniquingKeysWith: { first, _ in first })
    changes.removed = removedKeys.map { (previous[$0] ?? nil) ?? $0.description }.sorted()

    let record = InstalledSolution(
      uniqueName: name, displayName: solution.manifest.displayName,
      version: solution.manifest.version.text,
      managed: managed, publisher: solution.manifest.publisher.uniqueName, installedAt: options.now)
    state.solutions.removeAll { $0.uniqueName.lowercasedName == name.lowercasedName }
    state.solutions.append(record)
    state.components.removeAll {
      $0.solution.lowercasedName == name.lowercasedName
        && (newKeys.contains($0.key) || removedKeys.contains($0.key))
    }
    // componentKeys is already sorted by (type, name), without duplicates.
    state.components += input.componentKeys.map {
      ComponentRecord(key: $0, solution: name, managed: managed, displayName: names[$0])
    }
    state.requirements.removeAll { $0.solution.lowercasedName == name.lowercasedName }
    state.requirements += input.externalKeys.map { RequirementRecord(solution: name, key: $0) }
    removeTyped(removedKeys, of: name)
    putTyped(input, values: values)
    // The sharing and the flows both read what `putTyped` wrote and change different
    // tables: the sharing runs on another core meanwhile, on a copy without the flows
    // (which this thread is about to change).
    var base = self
    base.state.flows = []
    let shared = BackgroundTask { [base] in
      var copy = base
      copy.recordSharing(input)
      return (access: copy.state.access, dependencies: copy.state.dependencies)
    }
    computeFlows(input, &changes)
    (state.access, state.dependencies) = shared.result()
    (changes.added, changes.updated) = listed.result()
    entries[name] = StoredEntry.all(of: input.source)
    return changes
  }

  private mutating func removeTyped(_ keys: Set<ComponentKey>, of solution: String) {
    func removed(_ type: ComponentKind, _ name: String, _ owner: String) -> Bool {
      owner.lowercasedName == solution.lowercasedName
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

  /// Rows the solution brings replace the rows with the same key (the later of two in
  /// the solution winning); each table is rewritten in one pass, not once per row, so
  /// a solution of thousands of components stays linear.
  private mutating func putTyped(_ input: ImportInput, values: [String: String]) {
    let name = input.name
    var variables: [String: EnvironmentVariableRecord] = [:]
    for variable in input.solution.environmentVariables {
      let key = variable.schemaName.lowercasedName
      variables[key] = EnvironmentVariableRecord(
        schemaName: variable.schemaName, solution: name, type: variable.type?.rawValue,
        defaultValue: variable.defaultValue, currentValue: values[key],
        isRequired: variable.isRequired ?? false)
    }
    state.environmentVariables.removeAll { variables[$0.schemaName.lowercasedName] != nil }
    state.environmentVariables += variables.values

    let settings = Dictionary(
      (options.settings?.connectionReferences ?? []).map { ($0.logicalName.lowercasedName, $0) },
      uniquingKeysWith: { first, _ in first })
    var references = Dictionary(
      state.connectionReferences.map { ($0.logicalName.lowercasedName, $0) },
      uniquingKeysWith: { first, _ in first })
    var incoming = Set<String>()
    for reference in input.solution.connectionReferences {
      let key = reference.logicalName.lowercasedName
      var connection = references[key]?.connectionID
      if let setting = settings[key] {
        usedSettings.insert("conn:" + key)
        if !setting.connectionID.isEmpty { connection = setting.connectionID }
      }
      incoming.insert(key)
      references[key] = ConnectionReferenceRecord(
        logicalName: reference.logicalName, solution: name, connectorID: reference.connectorID,
        connectionID: connection)
    }
    state.connectionReferences.removeAll { incoming.contains($0.logicalName.lowercasedName) }
    state.connectionReferences += incoming.compactMap { references[$0] }

    var credentials: [String: CredentialRecord] = [:]
    for credential in input.solution.credentials {
      credentials[credential.name.lowercasedName] = CredentialRecord(credential, solution: name)
    }
    state.credentials.removeAll { credentials[$0.name.lowercasedName] != nil }
    state.credentials += credentials.values

    state.environmentVariables.sort(byLowercased: \.schemaName)
    state.connectionReferences.sort(byLowercased: \.logicalName)
    state.credentials.sort(byLowercased: \.name)
  }

  /// A flow is on when all its connection references are bound and all its env vars
  /// have a value; otherwise it is off and the reasons say why.
  private mutating func computeFlows(_ input: ImportInput, _ changes: inout InstallChanges) {
    let bound = boundReferences()
    let valued = Dictionary(
      state.environmentVariables.map { ($0.schemaName.lowercasedName, $0.hasValue) },
      uniquingKeysWith: { first, _ in first })
    var unboundUsers: [String: [String]] = [:]
    var records: [FlowRecord] = []
    for flow in input.solution.workflows {
      var reasons: [String] = []
      var isOn = flow.isOn
      if flow.kind == .cloudFlow || flow.kind == .desktopFlow {
        if !flow.isOn { reasons.append("it was exported turned off") }
        for reference in flow.references.connectionReferences
        where bound[reference.lowercasedName] != true {
          reasons.append("connection reference \(reference) is not bound")
          unboundUsers[reference.lowercasedName, default: []].append(flow.name)
        }
        for variable in flow.references.environmentVariables
        where valued[variable.lowercasedName] != true {
          reasons.append("environment variable \(variable) has no value")
        }
        isOn = reasons.isEmpty
        changes.flows.append(
          ImportReport.FlowState(id: flow.id, name: flow.name, on: isOn, reasons: reasons))
      }
      records.append(
        FlowRecord(
          id: flow.id, solution: input.name, name: flow.name, kind: flow.kind.rawValue, isOn: isOn,
          reasons: reasons))
    }
    // The later of two records with one id wins, in its place, as one removal per flow did.
    var last: [String: Int] = [:]
    for (index, record) in records.enumerated() { last[record.id] = index }
    state.flows.removeAll { last[$0.id] != nil }
    state.flows += records.enumerated().filter { last[$0.element.id] == $0.offset }.map(\.element)
    changes.flows.sort { $0.name < $1.name }
    for reference in input.solution.connectionReferences
    where bound[reference.logicalName.lowercasedName] != true {
      let users = unboundUsers[reference.logicalName.lowercasedName, default: []].sorted()
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

  /// Whether each connection reference (by lower-cased logical name) is bound.
  private func boundReferences() -> [String: Bool] {
    Dictionary(
      state.connectionReferences.map { ($0.logicalName.lowercasedName, $0.isBound) },
      uniquingKeysWith: { first, _ in first })
  }
}

extension Array {
  /// Sorts by a name without case, lower-casing each name once rather than per comparison;
  /// equal names keep their order (`sorted` is stable). Indices are sorted and the
  /// records then moved into place: sorting (name, record) pairs copied every record
  /// three times, and each copy retained all its strings (2 % of the main thread's
  /// `perf` samples at 10,000 components).
  mutating func sort(byLowercased name: (Element) -> String) {
    let keys = map { name($0).lowercasedName }
    permute(by: keys.indices.sorted { keys[$0] < keys[$1] })
  }
}
