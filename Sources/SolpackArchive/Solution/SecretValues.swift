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
