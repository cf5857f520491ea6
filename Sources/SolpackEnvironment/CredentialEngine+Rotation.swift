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
      let results = notices.map { Self.rotation(for: $0, in: state) }
      for rotation in results {
        let notice = rotation.notice
        for (key, variable) in rotation.touched(state) {
          state.rotations.append(
            SecretRotationRecord(
              key: key, variable: variable, vault: notice.vault, secret: notice.secret,
              version: notice.version, recordedAt: now, recordedBy: actor))
        }
      }
      return (results, [])
    }
  }

  static func rotation(for notice: SecretNotice, in state: EnvironmentState) -> Rotation {
    var rotation = Rotation(notice: notice)
    for variable in state.environmentVariables
    where variable.type == EnvironmentVariableType.secret.rawValue {
      guard let reference = KeyVaultReference(variable.currentValue ?? variable.defaultValue ?? ""),
        reference.names(vault: notice.vault, secret: notice.secret)
      else { continue }
      rotation.variables.append(variable.schemaName)
      let key = CredentialAccess.key(variable: variable.schemaName)
      var connections: [ComponentKey] = []
      for use in state.dependencies where use.required == key {
        switch use.dependent.type {
        case ComponentKind.credential.rawValue:
          rotation.credentials.append(use.dependentName)
          connections += state.dependencies.filter {
            $0.dependent == use.dependent
              && $0.required.type == ComponentKind.connectionReference.rawValue
          }.map(\.required)
        case ComponentKind.connectionReference.rawValue:
          connections.append(use.dependent)
        default: continue
        }
      }
      for connection in connections {
        let record = state.connectionReferences.first {
          $0.logicalName.lowercased() == connection.name
        }
        rotation.connectionReferences.append(
          Rotation.Connection(
            logicalName: record?.logicalName ?? connection.name, connectionID: record?.connectionID)
        )
      }
    }
    rotation.credentials = unique(rotation.credentials)
    var seen = Set<String>()
    rotation.connectionReferences = rotation.connectionReferences.filter {
      seen.insert($0.logicalName.lowercased()).inserted
    }.sorted { $0.logicalName.lowercased() < $1.logicalName.lowercased() }
    return rotation
  }

  private static func unique(_ names: [String]) -> [String] {
    var seen = Set<String>()
    return names.filter { seen.insert($0.lowercased()).inserted }.sorted {
      $0.lowercased() < $1.lowercased()
    }
  }
}

extension CredentialEngine.Rotation {
  /// Each component to record the version on, with the env var it came through.
  func touched(_ state: EnvironmentState) -> [(ComponentKey, String)] {
    var result: [(ComponentKey, String)] = []
    for variable in variables {
      let key = CredentialAccess.key(variable: variable)
      result.append((key, variable))
      for use in state.dependencies where use.required == key {
        if use.dependent.type == ComponentKind.credential.rawValue {
          result.append((use.dependent, variable))
        }
      }
    }
    for connection in connectionReferences {
      result.append(
        (
          ComponentKey(
            type: ComponentKind.connectionReference.rawValue, name: connection.logicalName),
          variables.first ?? ""
        ))
    }
    return result
  }
}
