import Foundation
import SolpackModel

extension CredentialEngine {
  /// What a share or an unshare changed.
  public struct SharingChange: Sendable, Equatable {
    public var credential: String
    public var principal: String
    public var role: AccessRole?
    /// Env vars whose access changed with the credential's.
    public var variables: [String]
    /// Env vars that keep the principal's access (unshare does not remove it).
    public var keptVariables: [String]
  }

  /// Shares the credential — and the env vars it uses — with `principal` in `role`.
  public func share(_ name: String, with principal: String, role: AccessRole) throws
    -> SharingChange
  {
    try mutate("credential share") { state in
      let record = try record(name, in: state)
      let mine = try CredentialAccess.require(
        .share, credential: record.name, actor: actor, in: state)
      guard mine.canGrant(role) else {
        throw DiagnosticError(
          .error(
            "permission-denied",
            "\(actor) as \(mine.displayName) may not grant \(role.displayName): credential \"\(record.name)\"",
            component: "credential \"\(record.name)\"",
            hint: role == .owner
              ? "Ownership is not shared; grant co-owner instead."
              : "A User who can share grants User or User who can share; ask a co-owner to grant Co-owner."
          ))
      }
      let key = CredentialAccess.key(record.name)
      if CredentialAccess.owner(of: key, in: state)?.lowercasedName == principal.lowercasedName {
        throw DiagnosticError(
          .error(
            "share-invalid", "\(principal) owns credential \"\(record.name)\"",
            component: "credential \"\(record.name)\"", hint: "Share it with someone else."))
      }
      var variables: [String] = []
      for target in [key] + variableKeys(of: record, in: state) {
        // An owner's row is never replaced; anyone else gets the role asked for.
        if CredentialAccess.owner(of: target, in: state)?.lowercasedName == principal.lowercasedName
        {
          continue
        }
        state.access.removeAll { $0.isFor(target, principal) }
        state.access.append(
          AccessRecord(
            key: target, principal: principal, role: role, grantedBy: actor, grantedAt: now))
        if target != key { variables.append(target.name) }
      }
      return (
        SharingChange(
          credential: record.name, principal: principal, role: role,
          variables: names(variables, in: state), keptVariables: []),
        []
      )
    }
  }

  /// Removes `principal`'s access to the credential; their access to its env vars stays.
  public func unshare(_ name: String, from principal: String) throws -> SharingChange {
    try mutate("credential unshare") { state in
      let record = try record(name, in: state)
      try CredentialAccess.require(.unshare, credential: record.name, actor: actor, in: state)
      let key = CredentialAccess.key(record.name)
      guard let held = CredentialAccess.role(of: principal, on: key, in: state) else {
        throw DiagnosticError(
          .error(
            "share-not-found", "credential \"\(record.name)\" is not shared with \(principal)",
            component: "credential \"\(record.name)\"",
            hint: "`solpack credential access \"\(record.name)\"` lists who has access."))
      }
      guard held != .owner else {
        throw DiagnosticError(
          .error(
            "share-invalid", "\(principal) owns credential \"\(record.name)\"; the owner stays",
            component: "credential \"\(record.name)\"",
            hint: "Delete the credential instead, if it is no longer needed."))
      }
      state.access.removeAll { $0.isFor(key, principal) }
      let kept = variableKeys(of: record, in: state).filter { variable in
        state.access.contains { $0.isFor(variable, principal) }
      }
      return (
        SharingChange(
          credential: record.name, principal: principal, role: nil, variables: [],
          keptVariables: names(kept.map(\.name), in: state)),
        []
      )
    }
  }

  /// Who has access to the credential and to each env var it uses.
  public func access(_ name: String) throws -> AccessListing {
    let state = try store.load()
    let record = try record(name, in: state)
    try CredentialAccess.require(.viewAccess, credential: record.name, actor: actor, in: state)
    let key = CredentialAccess.key(record.name)
    func rows(_ key: ComponentKey) -> [AccessListing.Entry] {
      state.access.filter { $0.key == key }.sorted {
        ($0.role, $0.principal.lowercasedName) < ($1.role, $1.principal.lowercasedName)
      }.map {
        AccessListing.Entry(
          principal: $0.principal, role: $0.role.rawValue, grantedBy: $0.grantedBy)
      }
    }
    return AccessListing(
      credential: record.name, entries: rows(key),
      variables: variableKeys(of: record, in: state).map { variable in
        AccessListing.Variable(
          schemaName: names([variable.name], in: state).first ?? variable.name,
          entries: rows(variable))
      })
  }

  /// The env vars the credential points at, from the recorded dependencies.
  func variableKeys(of record: CredentialRecord, in state: EnvironmentState) -> [ComponentKey] {
    let key = CredentialAccess.key(record.name)
    var keys = state.dependencies.filter {
      $0.dependent == key && $0.required.type == ComponentKind.environmentVariable.rawValue
    }.map(\.required)
    for name in [record.usernameVariable, record.passwordVariable, record.certificateVariable]
      .compactMap({ $0 })
    where !keys.contains(CredentialAccess.key(variable: name)) {
      keys.append(CredentialAccess.key(variable: name))
    }
    return keys.sorted { $0.name < $1.name }
  }

  /// Schema names as defined (keys are lower-cased).
  func names(_ keys: [String], in state: EnvironmentState) -> [String] {
    keys.map { key in
      state.environmentVariables.first { $0.schemaName.lowercasedName == key.lowercasedName }?
        .schemaName ?? key
    }
  }
}

/// `credential access`: the credential's owner and shares, and those of its env vars.
public struct AccessListing: Sendable, Equatable, Codable {
  public struct Entry: Sendable, Equatable, Codable {
    public var principal: String
    public var role: String
    public var grantedBy: String?
  }
  public struct Variable: Sendable, Equatable, Codable {
    public var schemaName: String
    public var entries: [Entry]
  }
  public var credential: String
  public var entries: [Entry]
  public var variables: [Variable]
}
