import Foundation
import SolpackModel

/// The permission rules of shared credentials, enforced here so every caller of the
/// library — not only the CLI — is held to them.
public enum CredentialAccess {
  public static func key(_ credential: String) -> ComponentKey {
    ComponentKey(type: ComponentKind.credential.rawValue, name: credential)
  }

  public static func key(variable: String) -> ComponentKey {
    ComponentKey(type: ComponentKind.environmentVariable.rawValue, name: variable)
  }

  /// The principal's highest role on the component; nil when it is not shared with them.
  public static func role(of principal: String, on key: ComponentKey, in state: EnvironmentState)
    -> AccessRole?
  {
    state.access.filter { $0.isFor(key, principal) }.map(\.role).min()
  }

  public static func owner(of key: ComponentKey, in state: EnvironmentState) -> String? {
    state.access.first { $0.key == key && $0.role == .owner }?.principal
  }

  /// The caller's role when it allows `operation`; otherwise `permission-denied`.
  @discardableResult
  static func require(
    _ operation: AccessRole.Operation, credential: String, actor: String, in state: EnvironmentState
  ) throws -> AccessRole {
    let key = key(credential)
    let role = role(of: actor, on: key, in: state)
    if let role, role.allows(operation) { return role }
    let owner = owner(of: key, in: state)
    let held =
      role.map { "as \($0.displayName) may not \(operation.verb)" } ?? "has no access to"
    let hint =
      owner.map {
        "Ask \($0) (the owner) or a co-owner to share it with you with a role that allows this: "
          + "`solpack credential share \"\(credential)\" --with \(actor) --role co-owner`."
      }
      ?? "It has no recorded owner; import its solution again to record one."
    throw DiagnosticError(
      .error(
        "permission-denied", "\(actor) \(held) credential \"\(credential)\"",
        component: "credential \"\(credential)\"", hint: hint))
  }
}

extension AccessRole.Operation {
  var verb: String {
    switch self {
    case .use: "use"
    case .viewAccess: "see who has access to"
    case .edit: "edit"
    case .share: "share"
    case .unshare: "remove shares of"
    case .delete: "delete"
    }
  }
}
