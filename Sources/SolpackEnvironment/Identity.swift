import Foundation

/// Who a command acts as: `--as USER`, else `SOLPACK_USER`, else the login name.
/// The environment records owners and shares under this name.
public enum Identity {
  public static func resolve(
    explicit: String?, environment: [String: String], loginName: String
  ) -> String {
    for candidate in [explicit, environment["SOLPACK_USER"], loginName] {
      if let name = candidate?.trimmingCharacters(in: .whitespaces), !name.isEmpty {
        return name
      }
    }
    return "unknown"
  }
}
