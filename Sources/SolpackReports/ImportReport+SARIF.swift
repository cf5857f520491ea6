import Foundation
import SolpackEnvironment
import SolpackModel

extension ImportReport {
  /// SARIF 2.1.0, the format GitHub code scanning and Azure DevOps read: one result per
  /// diagnostic, with its id as rule id, its severity as level, its message (and hint), and
  /// the archive entry as location — an artifact nested in the archive or folder it was
  /// read from (docs/sarif.md). No dates, so the same report gives the same bytes.
  public func sarif(toolVersion: String) throws -> String {
    var log = SARIF.Log(version: "2.1.0", runs: [])
    var run = SARIF.Run(
      tool: .init(
        driver: .init(
          name: "solpack", version: toolVersion, semanticVersion: toolVersion, rules: [])),
      artifacts: [], results: [],
      invocations: [.init(executionSuccessful: true)],
      properties: ["mode": mode.rawValue, "outcome": outcome.rawValue])
    let sources = Dictionary(
      plan.map { ($0.uniqueName.lowercased(), $0.source) }, uniquingKeysWith: { first, _ in first })
    var ruleIndex: [String: Int] = [:]
    var artifactIndex: [String: Int] = [:]
    func artifact(_ uri: String, parent: Int?) -> Int {
      let key = "\(parent.map(String.init) ?? "-")|\(uri)"
      if let index = artifactIndex[key] { return index }
      run.artifacts.append(.init(location: .init(uri: uri, index: nil), parentIndex: parent))
      artifactIndex[key] = run.artifacts.count - 1
      return run.artifacts.count - 1
    }
    let grouped =
      [(nil as String?, diagnostics)] + solutions.map { ($0.uniqueName, $0.diagnostics) }
    for (solution, found) in grouped {
      for diagnostic in found {
        if ruleIndex[diagnostic.id] == nil {
          ruleIndex[diagnostic.id] = run.tool.driver.rules.count
          run.tool.driver.rules.append(
            .init(
              id: diagnostic.id, shortDescription: .init(text: diagnostic.id),
              help: diagnostic.hint.map { .init(text: $0) },
              defaultConfiguration: .init(level: SARIF.level(diagnostic.severity))))
        }
        var location = SARIF.Location()
        let source = solution.flatMap { sources[$0.lowercased()] }
        if let source {
          let parent = artifact(source, parent: nil)
          let index = diagnostic.entry.map { artifact($0, parent: parent) } ?? parent
          location.physicalLocation = .init(
            artifactLocation: .init(uri: diagnostic.entry ?? source, index: index))
        } else if let entry = diagnostic.entry {
          location.physicalLocation = .init(
            artifactLocation: .init(uri: entry, index: artifact(entry, parent: nil)))
        }
        let logical = [solution, diagnostic.component].compactMap { $0 }
        if !logical.isEmpty {
          location.logicalLocations = [
            .init(
              name: diagnostic.component ?? solution!,
              fullyQualifiedName: logical.joined(separator: "/"),
              kind: diagnostic.component == nil ? "module" : "member")
          ]
        }
        var text = diagnostic.message
        if let hint = diagnostic.hint { text += "\nHint: \(hint)" }
        run.results.append(
          .init(
            ruleId: diagnostic.id, ruleIndex: ruleIndex[diagnostic.id]!,
            level: SARIF.level(diagnostic.severity), message: .init(text: text),
            locations: location.physicalLocation == nil && location.logicalLocations == nil
              ? [] : [location]))
      }
    }
    log.runs = [run]
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(log), as: UTF8.self)
  }
}

/// The parts of the SARIF 2.1.0 object model solpack writes.
enum SARIF {
  static func level(_ severity: Diagnostic.Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .note: "note"
    }
  }

  struct Log: Encodable {
    var schema = "https://json.schemastore.org/sarif-2.1.0.json"
    var version: String
    var runs: [Run]
    enum CodingKeys: String, CodingKey {
      case schema = "$schema", version, runs
    }
  }

  struct Run: Encodable {
    var tool: Tool
    var artifacts: [Artifact]
    var results: [Result]
    var invocations: [Invocation]
    var properties: [String: String]
  }

  struct Tool: Encodable { var driver: Driver }

  struct Driver: Encodable {
    var name: String
    var version: String
    var semanticVersion: String
    var rules: [Rule]
  }

  struct Rule: Encodable {
    var id: String
    var shortDescription: Message
    var help: Message?
    var defaultConfiguration: Configuration
  }

  struct Configuration: Encodable { var level: String }
  struct Message: Encodable { var text: String }

  struct Artifact: Encodable {
    var location: ArtifactLocation
    var parentIndex: Int?
  }

  struct ArtifactLocation: Encodable {
    var uri: String
    var index: Int?
  }

  struct Result: Encodable {
    var ruleId: String
    var ruleIndex: Int
    var level: String
    var message: Message
    var locations: [Location]
  }

  struct Location: Encodable {
    var physicalLocation: PhysicalLocation?
    var logicalLocations: [LogicalLocation]?
  }

  struct PhysicalLocation: Encodable { var artifactLocation: ArtifactLocation }

  struct LogicalLocation: Encodable {
    var name: String
    var fullyQualifiedName: String
    var kind: String
  }

  struct Invocation: Encodable { var executionSuccessful: Bool }
}
