import Foundation
import SolpackModel

extension CredentialEngine {
  /// What one notice touched: the same set Dataverse's
  /// NotifyEnvironmentVariableSecretChange refreshes.
  public struct Rotation: Sendable, Equatable, Codable {
    public struct Connection: Sendable, Equatable, Codable {
      public var logicalName: String
      public var connectionID: String?
    }
    public var notice: SecretNotice
    public var variables: [String] = []
    public var credentials: [String] = []
    public var connectionReferences: [Connection] = []
    public var isEmpty: Bool { variables.isEmpty }
  }

  /// Records the new version on every Secret env var whose Key Vault reference names
  /// the secret, and on the credentials and connection references that use them. A
  /// secret nothing uses changes nothing.
  public func rotated(_ notices: [SecretNotice]) throws -> [Rotation] {
    try mutate("secret rotated") { state in
      var results: [Rotation] = []
      for notice in notices {
        let (rotation, touched) = Self.rotation(for: notice, in: state)
        results.append(rotation)
        state.rotations += touched.map { key, variable in
          SecretRotationRecord(
            key: key, variable: variable, vault: notice.vault, secret: notice.secret,
            version: notice.version, recordedAt: now, recordedBy: actor)
        }
      }
      return (results, [])
    }
  }

  /// What the notice touches, for the report, and each component to record the version
  /// on with the env var it came through, once each.
  static func rotation(for notice: SecretNotice, in state: EnvironmentState) -> (
    Rotation, [(ComponentKey, String)]
  ) {
    var rotation = Rotation(notice: notice)
    var touched: [(ComponentKey, String)] = []
    var seen = Set<ComponentKey>()
    func touch(_ key: ComponentKey, _ variable: String) -> Bool {
      guard seen.insert(key).inserted else { return false }
      touched.append((key, variable))
      return true
    }
    func connection(_ key: ComponentKey, _ variable: String) {
      guard touch(key, variable) else { return }
      let record = state.connectionReferences.first { $0.logicalName.lowercasedName == key.name }
      rotation.connectionReferences.append(
        Rotation.Connection(
          logicalName: record?.logicalName ?? key.name, connectionID: record?.connectionID))
    }
    for variable in state.environmentVariables
    where variable.type == EnvironmentVariableType.secret.rawValue {
      guard let reference = KeyVaultReference(variable.currentValue ?? variable.defaultValue ?? ""),
        reference.names(vault: notice.vault, secret: notice.secret)
      else { continue }
      let name = variable.schemaName
      let key = CredentialAccess.key(variable: name)
      guard touch(key, name) else { continue }
      rotation.variables.append(name)
      for use in state.dependencies where use.required == key {
        switch use.dependent.type {
        case ComponentKind.credential.rawValue:
          guard touch(use.dependent, name) else { continue }
          rotation.credentials.append(use.dependentName)
          for link in state.dependencies
          where link.dependent == use.dependent
            && link.required.type == ComponentKind.connectionReference.rawValue
          {
            connection(link.required, name)
          }
        case ComponentKind.connectionReference.rawValue:
          connection(use.dependent, name)
        default: continue
        }
      }
    }
    rotation.credentials.sort { $0.lowercasedName < $1.lowercasedName }
    rotation.connectionReferences.sort {
      $0.logicalName.lowercasedName < $1.logicalName.lowercasedName
    }
    return (rotation, touched)
  }
}
