import Foundation
import SolpackModel

/// A Secret env var's value must be a Key Vault reference. When an archive or folder
/// holds anything else there — a password typed in by mistake — solpack never copies
/// it: unpack and pack write the values file without it and say so.
public enum SecretValues {
  public static func redactions(_ solution: Solution) -> (
    files: [String: Data], diagnostics: [Diagnostic]
  ) {
    var files: [String: Data] = [:]
    var diagnostics: [Diagnostic] = []
    for variable in solution.environmentVariables where variable.type == .secret {
      guard let path = variable.valuesPath, let value = variable.value?.value, !value.isEmpty,
        KeyVaultReference(value) == nil
      else { continue }
      files[path] = EnvironmentVariableCodec.valuesData(id: variable.value?.id, value: nil)
      diagnostics.append(
        .warning(
          "secret-value-removed",
          "the Secret env var \(variable.schemaName) holds a value that is not a Key Vault reference; it was left out",
          entry: path, component: "environment variable \(variable.schemaName)",
          hint:
            "Store the secret in Azure Key Vault and set the value to its reference: /subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{vault}/secrets/{name}."
        ))
    }
    return (files, diagnostics)
  }
}

extension EnvironmentVariableCodec {
  /// `environmentvariablevalues.json` in the shape Dataverse exports it; without
  /// `value` when nil.
  public static func valuesData(id: String?, value: String?) -> Data {
    var inner: [(String, String)] = []
    if let id { inner.append(("@environmentvariablevalueid", id)) }
    inner.append(("iscustomizable", "1"))
    if let value { inner.append(("value", value)) }
    let body = inner.map { "      \(quoted($0.0)): \(quoted($0.1))" }.joined(separator: ",\n")
    return Data(
      "{\n  \"environmentvariablevalues\": {\n    \"environmentvariablevalue\": {\n\(body)\n    }\n  }\n}\n"
        .utf8)
  }

  /// JSON string literal; `/` and non-ASCII stay as they are, as pac writes them.
  public static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
