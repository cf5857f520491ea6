import Foundation
import SolpackArchive
import SolpackModel

extension CredentialEngine {
  /// What `edit` may change. The env vars behind the username and the secret are not
  /// among them: those are changed at the env var or in Key Vault.
  public struct Edit: Sendable {
    public var name: String?
    public var description: String?
    /// Set when the caller tried to re-point the username or secret env var.
    public var repointed: String?
    public init(name: String? = nil, description: String? = nil, repointed: String? = nil) {
      self.name = name
      self.description = description
      self.repointed = repointed
    }
  }

  public func edit(_ name: String, _ edit: Edit) throws -> CredentialSummary {
    try mutate("credential edit") { state in
      let record = try record(name, in: state)
      try CredentialAccess.require(.edit, credential: record.name, actor: actor, in: state)
      let component = "credential \"\(record.name)\""
      if let option = edit.repointed {
        throw DiagnosticError(
          .error(
            "credential-repoint-refused",
            "\(option) cannot change: a credential keeps the env vars it was created with",
            component: component,
            hint:
              "Change the env var's value (import with deployment settings), or add a new version of the secret in Key Vault and run `solpack secret rotated`; or create a new credential."
          ))
      }
      try requireUnmanaged(record, state)
      var (path, credential) = try stored(record)
      var edits: [EntryEdit] = []
      if let description = edit.description { credential.description = description }
      if let newName = edit.name?.trimmingCharacters(in: .whitespaces),
        newName != credential.name
      {
        try rename(record, to: newName, in: &state)
        credential.name = newName
        edits.append(EntryEdit(solution: record.solution, path: path, data: nil))
        path = CredentialCodec.path(for: newName)
      }
      edits.append(
        EntryEdit(
          solution: record.solution, path: path,
          data: CredentialCodec.data(CredentialCodec.element(credential))))
      return (summary(credential, solution: record.solution, in: state), edits)
    }
  }

  /// What `delete` removed and what it kept.
  public struct Deleted: Sendable, Equatable {
    public var credential: String
    public var solution: String
    /// Its env vars, which stay in the environment.
    public var keptVariables: [String]
  }

  public func delete(_ name: String) throws -> Deleted {
    try mutate("credential delete") { state in
      let record = try record(name, in: state)
      try CredentialAccess.require(.delete, credential: record.name, actor: actor, in: state)
      try requireUnmanaged(record, state)
      try requireUnused(record, state, doing: "delete")
      let key = CredentialAccess.key(record.name)
      let kept = names(variableKeys(of: record, in: state).map(\.name), in: state)
      let path = try stored(record).path
      state.credentials.removeAll { $0.name.lowercasedName == record.name.lowercasedName }
      state.components.removeAll { $0.key == key }
      state.access.removeAll { $0.key == key }
      state.dependencies.removeAll { $0.dependent == key }
      state.rotations.removeAll { $0.key == key }
      return (
        Deleted(credential: record.name, solution: record.solution, keptVariables: kept),
        [EntryEdit(solution: record.solution, path: path, data: nil)]
      )
    }
  }

  private func requireUnmanaged(_ record: CredentialRecord, _ state: EnvironmentState) throws {
    guard let solution = state.solution(record.solution), solution.managed else { return }
    throw DiagnosticError(
      .error(
        "component-managed",
        "credential \"\(record.name)\" belongs to the managed solution \(solution.uniqueName)",
        component: "credential \"\(record.name)\"",
        hint: "Change it in the unmanaged source solution and import a new version."))
  }

  /// Flows name credentials by name: renaming or deleting one they use would break them.
  private func requireUnused(_ record: CredentialRecord, _ state: EnvironmentState, doing: String)
    throws
  {
    let key = CredentialAccess.key(record.name)
    let users = state.dependencies.filter { $0.required == key }
    guard !users.isEmpty else { return }
    let names = Set(users.map { "\($0.dependentName) (\($0.solution))" }).sorted()
    throw DiagnosticError(
      .error(
        "credential-in-use",
        "cannot \(doing) credential \"\(record.name)\": \(names.joined(separator: ", ")) use it",
        component: "credential \"\(record.name)\"",
        hint:
          "Remove it from those flows and import them again first; `solpack where-used` lists them by env var."
      ))
  }

  private func rename(
    _ record: CredentialRecord, to newName: String, in state: inout EnvironmentState
  )
    throws
  {
    guard !newName.isEmpty, newName.count <= 100 else {
      throw CreationPlan.refusal(
        "credential-name-invalid", "a credential name must have 1 to 100 characters", newName,
        hint: "Give --name a shorter, non-empty name.")
    }
    if newName.lowercasedName != record.name.lowercasedName,
      state.credentials.contains(where: { $0.name.lowercasedName == newName.lowercasedName })
    {
      throw CreationPlan.refusal(
        "credential-name-taken", "a credential with this name already exists", newName,
        hint: "Choose another --name.")
    }
    try requireUnused(record, state, doing: "rename")
    let old = CredentialAccess.key(record.name)
    let new = CredentialAccess.key(newName)
    for index in state.credentials.indices where state.credentials[index].name == record.name {
      state.credentials[index].name = newName
    }
    for index in state.components.indices where state.components[index].key == old {
      state.components[index].key = new
      state.components[index].displayName = "credential \(newName)"
    }
    for index in state.access.indices where state.access[index].key == old {
      state.access[index].key = new
    }
    for index in state.dependencies.indices where state.dependencies[index].dependent == old {
      state.dependencies[index].dependent = new
      state.dependencies[index].dependentName = newName
    }
    for index in state.rotations.indices where state.rotations[index].key == old {
      state.rotations[index].key = new
    }
    state.credentials.sort { $0.name.lowercasedName < $1.name.lowercasedName }
  }
}
