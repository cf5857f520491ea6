import Foundation
import SolpackModel

extension ImportSimulation {
  /// `permission-denied`: a flow may use a credential of another solution only when
  /// the importing user has a role on it (owner, co-owner, user, user who can share).
  func checkCredentialUse(_ input: ImportInput, _ checks: inout CheckRecorder) {
    let own = Set(input.solution.credentials.map { $0.name.lowercasedName })
    for requirement in input.requirements
    where requirement.required.kind == .credential
      && !own.contains(requirement.required.name.lowercasedName)
    {
      let key = ComponentKey(requirement.required)
      guard state.credentials.contains(where: { CredentialAccess.key($0.name) == key })
      else { continue }
      if CredentialAccess.role(of: options.actor, on: key, in: state)?.allows(.use) != true {
        checks.add(
          "permission-denied",
          .error(
            "permission-denied",
            "\(requirement.dependentName) uses credential \"\(requirement.required.name)\", which is not shared with \(options.actor)",
            entry: "customizations.xml", component: "credential \"\(requirement.required.name)\"",
            hint:
              "Ask its owner to run `solpack credential share \"\(requirement.required.name)\" --with \(options.actor) --role user`, or import as a user it is shared with (--as)."
          ))
      }
    }
  }

  /// The importing user owns credentials and env vars that are new to the
  /// environment (existing owners and shares stay); the solution's dependencies are
  /// recorded for where-used.
  mutating func recordSharing(_ input: ImportInput) {
    let keys =
      input.solution.credentials.map { CredentialAccess.key($0.name) }
      + input.solution.environmentVariables.map { CredentialAccess.key(variable: $0.schemaName) }
    var owned = Set(state.access.map(\.key))
    for key in keys where owned.insert(key).inserted {
      state.access.append(
        AccessRecord(
          key: key, principal: options.actor, role: .owner, grantedBy: nil,
          grantedAt: options.now))
    }
    // Shares of components an upgrade removed go with them.
    let present = Set(
      state.credentials.map { CredentialAccess.key($0.name) }
        + state.environmentVariables.map { CredentialAccess.key(variable: $0.schemaName) })
    state.access.removeAll { !present.contains($0.key) }
    let name = input.name.lowercasedName
    state.dependencies.removeAll { $0.solution.lowercasedName == name }
    state.dependencies += input.requirements.map {
      DependencyRecord(
        solution: input.name, dependent: ComponentKey($0.dependent),
        dependentName: $0.dependentName, required: ComponentKey($0.required))
    }
  }
}
