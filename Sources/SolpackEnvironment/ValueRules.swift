import Foundation
import SolpackModel

/// What a value of each env var type must look like.
enum ValueRules {
  /// `/subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{vault}/secrets/{name}`.
  static func keyVault(_ value: String) -> Bool {
    let parts = value.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 11, parts[0].isEmpty else { return false }
    let fixed = [
      (1, "subscriptions"), (3, "resourcegroups"), (5, "providers"), (6, "microsoft.keyvault"),
      (7, "vaults"), (9, "secrets"),
    ]
    let variable = [2, 4, 8, 10]
    return fixed.allSatisfy { parts[$0.0].lowercased() == $0.1 }
      && variable.allSatisfy { !parts[$0].isEmpty && !parts[$0].contains(" ") }
  }

  /// Nil when `value` suits `type`; else what is wrong, without the value itself.
  static func problem(_ value: String, type: EnvironmentVariableType?) -> String? {
    switch type {
    case .number:
      return Double(value.trimmingCharacters(in: .whitespaces)) == nil ? "is not a number" : nil
    case .boolean:
      let allowed = ["true", "false", "yes", "no", "1", "0"]
      return allowed.contains(value.lowercased()) ? nil : "is not a boolean (true or false)"
    case .json:
      let valid =
        (try? JSONSerialization.jsonObject(with: Data(value.utf8), options: [.fragmentsAllowed]))
        != nil
      return valid ? nil : "is not valid JSON"
    default:
      return nil
    }
  }
}
