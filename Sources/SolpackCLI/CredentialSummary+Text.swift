import SolpackEnvironment

extension CredentialSummary {
  /// One credential, as `credential list` prints it: names only, never a value.
  var text: String {
    var lines = ["\(name) [\(solution)]"]
    if let description, !description.isEmpty { lines.append("  \(description)") }
    let store =
      switch self.store {
      case "azurekeyvault": "Azure Key Vault"
      case "cyberark": "CyberArk"
      default: self.store ?? "unknown store"
      }
    lines.append(
      "  store: \(store), usage: \(usages.joined(separator: ", ")), authentication: \(authentication)"
    )
    if !variables.isEmpty {
      lines.append(
        "  env vars: " + variables.map { "\($0.role) \($0.schemaName)" }.joined(separator: ", "))
    }
    if let connectionReference { lines.append("  connection reference: \(connectionReference)") }
    let role = self.role.flatMap(AccessRole.init(rawValue:))?.displayName ?? "none"
    lines.append("  owner: \(owner ?? "none recorded"), your role: \(role)")
    if let secretVersion {
      let day = secretVersion.recordedAt.formatted(.iso8601.year().month().day())
      lines.append(
        "  secret version: \(secretVersion.version ?? "latest") of \(secretVersion.variable), recorded \(day) by \(secretVersion.recordedBy)"
      )
    }
    return lines.joined(separator: "\n")
  }
}

extension AccessListing {
  var text: String {
    func rows(_ entries: [Entry]) -> [String] {
      entries.map { entry in
        let role = AccessRole(rawValue: entry.role)?.displayName ?? entry.role
        return "  \(entry.principal): \(role)"
          + (entry.grantedBy.map { " (shared by \($0))" } ?? "")
      }
    }
    var lines = ["credential \"\(credential)\""] + rows(entries)
    for variable in variables {
      lines.append("environment variable \(variable.schemaName)")
      lines += variable.entries.isEmpty ? ["  (no access recorded)"] : rows(variable.entries)
    }
    return lines.joined(separator: "\n")
  }
}
