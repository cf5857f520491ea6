import Foundation
import SolpackModel

/// Who may do what with a credential or an environment variable: one row per
/// principal and component. The owner is a row too, with role `owner`.
public struct AccessRecord: Sendable, Equatable, Codable {
  public var key: ComponentKey
  public var principal: String
  public var role: AccessRole
  public var grantedBy: String?
  public var grantedAt: Date

  public init(
    key: ComponentKey, principal: String, role: AccessRole, grantedBy: String?, grantedAt: Date
  ) {
    self.key = key
    self.principal = principal
    self.role = role
    self.grantedBy = grantedBy
    self.grantedAt = grantedAt
  }

  /// Principals are user names, compared without case like Dataverse's.
  public func isFor(_ key: ComponentKey, _ principal: String) -> Bool {
    self.key == key && self.principal.lowercasedName == principal.lowercasedName
  }
}

/// One component needing another, for every component in the environment (inside a
/// solution or across solutions): the "Show dependencies" view.
public struct DependencyRecord: Sendable, Equatable, Codable {
  public var solution: String
  public var dependent: ComponentKey
  public var dependentName: String
  public var required: ComponentKey

  public init(
    solution: String, dependent: ComponentKey, dependentName: String, required: ComponentKey
  ) {
    self.solution = solution
    self.dependent = dependent
    self.dependentName = dependentName
    self.required = required
  }
}

/// A new version of a Key Vault secret recorded on a component that uses it: the
/// Secret env var itself, and each credential and connection reference using it.
public struct SecretRotationRecord: Sendable, Equatable, Codable {
  public var key: ComponentKey
  /// The Secret env var whose reference points at the secret.
  public var variable: String
  public var vault: String
  public var secret: String
  /// Nil when the notice named no version ("latest").
  public var version: String?
  public var recordedAt: Date
  public var recordedBy: String

  public init(
    key: ComponentKey, variable: String, vault: String, secret: String, version: String?,
    recordedAt: Date, recordedBy: String
  ) {
    self.key = key
    self.variable = variable
    self.vault = vault
    self.secret = secret
    self.version = version
    self.recordedAt = recordedAt
    self.recordedBy = recordedBy
  }
}

extension CredentialRecord {
  /// The row of a credential installed in `solution`.
  init(_ credential: Credential, solution: String) {
    self.init(
      name: credential.name, solution: solution, store: credential.store?.rawValue,
      connectionType: credential.connectionType, usageTypes: credential.usageTypes,
      usernameVariable: credential.usernameVariable,
      passwordVariable: credential.passwordVariable,
      certificateVariable: credential.certificateVariable)
  }
}
