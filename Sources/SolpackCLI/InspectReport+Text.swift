import Foundation
import SolpackModel

extension InspectReport {
  /// The summary people read in a terminal.
  var text: String {
    var lines: [String] = []
    lines.append("\(displayName) (\(uniqueName)) \(version), \(managed)")
    var publisherLine =
      "Publisher: \(publisher.displayName ?? publisher.uniqueName) (\(publisher.uniqueName)), prefix \(publisher.customizationPrefix)"
    if let value = publisher.customizationOptionValuePrefix {
      publisherLine += ", option value prefix \(value)"
    }
    lines.append(publisherLine)
    lines.append(
      "Archive: \(counts["entries"] ?? 0) entries, \(Console.size(bytes))"
        + (packageVersion.map { ", package format \($0)" } ?? "")
        + ", \(rootComponents) root components")
    section(&lines, "Cloud flows", cloudFlows, flowLines)
    section(&lines, "Desktop flows", desktopFlows, flowLines)
    section(&lines, "Other workflows", otherWorkflows) { ["\($0.name) (\($0.kind), \($0.state))"] }
    section(&lines, "Connection references", connectionReferences) { reference in
      var line = reference.logicalName
      if let connector = reference.connector { line += " → \(connector)" }
      if reference.customConnectorId != nil { line += " (custom connector)" }
      return [line]
    }
    section(&lines, "Environment variables", environmentVariables) { variable in
      var line = "\(variable.schemaName) (\(variable.type)"
      if variable.form == "inline" { line += ", legacy inline" }
      line += ")"
      if variable.type == "Secret" {
        line +=
          variable.hasCurrentValue ? ", value set (secret reference, not shown)" : ", no value"
      } else if let value = variable.currentValue {
        line += " = \(value)"
      }
      return [line]
    }
    section(&lines, "Credentials", credentials) { credential in
      [
        "\(credential.name) (\(credential.store ?? "store unknown")) uses \(credential.environmentVariables.joined(separator: ", "))"
      ]
    }
    section(&lines, "Custom connectors", customConnectors) { [$0] }
    let partLines = parts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
    section(&lines, "Parts", partLines) { [$0] }
    section(&lines, "Needs from outside the solution", externalDependencies) { dependency in
      let kind =
        ComponentKind(rawValue: dependency.requiredKind)?.displayName ?? dependency.requiredKind
      var line = "\(kind) \(dependency.required)"
      if let name = dependency.requiredDisplayName, name != dependency.required {
        line += " (\(name))"
      }
      line += " ← \(dependency.dependent)"
      if let expected = dependency.expectedSolution { line += " (from \(expected))" }
      return [line]
    }
    section(&lines, "MissingDependencies in solution.xml", missingDependencies) { dependency in
      var line = "\(dependency.requiredType) \(dependency.required)"
      if let solution = dependency.requiredSolution { line += " [\(solution)]" }
      line += " ← \(dependency.dependentType) \(dependency.dependent)"
      return [line]
    }
    return lines.joined(separator: "\n")
  }

  private func flowLines(_ flow: Flow) -> [String] {
    var lines = ["\(flow.name) (\(flow.state)) \(flow.id)"]
    for name in flow.connectionReferences { lines.append("  uses connection reference \(name)") }
    for name in flow.environmentVariables { lines.append("  uses environment variable \(name)") }
    for child in flow.childFlows {
      if let name = child.name {
        let kind = child.kind == FlowKind.desktopFlow.rawValue ? "desktop flow" : "flow"
        lines.append("  runs \(kind) \(name)")
      } else {
        lines.append("  runs flow \(child.id) (not in this solution)")
      }
    }
    for name in flow.credentials { lines.append("  uses credential \(name)") }
    return lines
  }

  private func section<T>(
    _ lines: inout [String], _ title: String, _ items: [T], _ render: (T) -> [String]
  ) {
    guard !items.isEmpty else { return }
    lines.append("")
    lines.append("\(title) (\(items.count))")
    for item in items { lines += render(item).map { "  " + $0 } }
  }
}
