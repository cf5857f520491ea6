import SolpackEnvironment

extension WhereUsedReport {
  var text: String {
    var lines = ["\(variable) (\(type), \(solution))"]
    if uses.isEmpty && hiddenCredentials == 0 { lines.append("  used by nothing") }
    for use in uses {
      let kind = use.kind == "connection-reference" ? "connection reference" : use.kind
      lines.append(
        "  \(kind) \(use.name) (\(use.solution))" + (use.via.map { " via credential \($0)" } ?? ""))
    }
    if hiddenCredentials > 0 {
      lines.append(
        "  and \(hiddenCredentials) credential\(hiddenCredentials == 1 ? "" : "s") not shared with you"
      )
    }
    return lines.joined(separator: "\n")
  }
}

extension CredentialEngine.Rotation {
  func text(environment: String) -> String {
    let version = notice.version.map { "version \($0)" } ?? "a new version"
    let what = "secret \(notice.secret) in vault \(notice.vault)"
    guard !isEmpty else {
      return "Nothing in \(environment) uses \(what); nothing changed."
    }
    var lines = ["Recorded \(version) of \(what) on:"]
    lines += variables.map { "  environment variable \($0)" }
    lines += credentials.map { "  credential \($0)" }
    lines += connectionReferences.map {
      "  connection reference \($0.logicalName)"
        + ($0.connectionID.map { " (connection \($0))" } ?? "")
    }
    return lines.joined(separator: "\n")
  }
}
