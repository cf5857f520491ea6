import Foundation
import SolpackArchive
import SolpackModel

extension CreationPlan {
  /// Puts the credential and its new env vars into `state`, owned by the actor, and
  /// returns the files to store with the solution so export writes them.
  func apply(to state: inout EnvironmentState) -> [EntryEdit] {
    let now = engine.now
    if state.solution(solution) == nil {
      state.solutions.append(
        InstalledSolution(
          uniqueName: solution, displayName: "Default Solution", version: "1.0.0.0",
          managed: false, publisher: "DefaultPublisher", installedAt: now))
    }
    let version = state.solution(solution)?.version ?? "1.0.0.0"
    var edits: [EntryEdit] = []
    for variable in newVariables {
      let key = CredentialAccess.key(variable: variable.schemaName)
      state.environmentVariables.append(
        EnvironmentVariableRecord(
          schemaName: variable.schemaName, solution: solution, type: variable.type.rawValue,
          defaultValue: nil, currentValue: variable.value, isRequired: false))
      state.components.append(
        ComponentRecord(
          key: key, solution: solution, managed: false,
          displayName: "environment variable \(variable.schemaName)"))
      state.access.append(
        AccessRecord(
          key: key, principal: engine.actor, role: .owner, grantedBy: nil, grantedAt: now))
      edits.append(
        EntryEdit(
          solution: solution, path: EnvironmentVariableCodec.definitionPath(variable.schemaName),
          data: EnvironmentVariableCodec.definition(
            schemaName: variable.schemaName, displayName: variable.displayName, description: nil,
            type: variable.type, introducedVersion: version)))
      edits.append(
        EntryEdit(
          solution: solution, path: EnvironmentVariableCodec.valuesPath(variable.schemaName),
          data: EnvironmentVariableCodec.valuesData(
            id: UUID().uuidString.lowercasedName, value: variable.value)))
    }
    let key = CredentialAccess.key(credential.name)
    state.credentials.append(CredentialRecord(credential, solution: solution))
    state.components.append(
      ComponentRecord(
        key: key, solution: solution, managed: false, displayName: "credential \(credential.name)"))
    state.access.append(
      AccessRecord(key: key, principal: engine.actor, role: .owner, grantedBy: nil, grantedAt: now))
    for variable in credential.environmentVariables {
      state.dependencies.append(
        DependencyRecord(
          solution: solution, dependent: key, dependentName: credential.name,
          required: CredentialAccess.key(variable: variable)))
    }
    edits.append(
      EntryEdit(
        solution: solution, path: credential.path,
        data: CredentialCodec.data(CredentialCodec.element(credential))))
    state.environmentVariables.sort { $0.schemaName.lowercasedName < $1.schemaName.lowercasedName }
    state.credentials.sort { $0.name.lowercasedName < $1.name.lowercasedName }
    return edits
  }
}
