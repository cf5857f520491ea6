import Foundation
import SolpackModel

/// What a value of each env var type must look like.
enum ValueRules {
  static func keyVault(_ value: String) -> Bool { KeyVaultReference(value) != nil }

  /// Nil when `value` suits `type`; else what is wrong, without the value itself.
  static func problem(_ value: String, type: EnvironmentVariableType?) -> String? {
    switch type {
    case .number:
      return Double(value.trimmingCharacters(in: .whitespaces)) == nil ? "is not a number" : nil
    case .boolean:
      let allowed = ["true", "false", "yes", "no", "1", "0"]
      return allowed.contains(value.lowercasedName) ? nil : "is not a boolean (true or false)"
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
