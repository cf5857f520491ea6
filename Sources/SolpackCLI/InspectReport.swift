import Foundation
import SolpackModel

/// `solpack inspect --format json`, schema version 1 (docs/inspect-schema.md).
/// Secret values never appear: env vars report whether a value is present, and the
/// value itself only for non-Secret types.
struct InspectReport: Codable {
  struct Publisher: Codable {
    var uniqueName: String
    var displayName: String?
    var customizationPrefix: String
    var customizationOptionValuePrefix: Int?
  }

  struct Flow: Codable {
    struct ChildFlow: Codable {
      var id: String
      /// Name and kind when the flow is in this solution.
      var name: String?
      var kind: String?
    }

    var id: String
    var name: String
    var kind: String
    var category: Int?
    var state: String
    var definition: String?
    var connectionReferences: [String]
    var environmentVariables: [String]
    var childFlows: [ChildFlow]
    var credentials: [String]
  }

  struct ConnectionReference: Codable {
    var logicalName: String
    var displayName: String?
    var connector: String?
    var customConnectorId: String?
  }

  struct EnvironmentVariable: Codable {
    var schemaName: String
    var displayName: String?
    var type: String
    var form: String
    var hasDefaultValue: Bool
    var hasCurrentValue: Bool
    /// Absent for Secret variables.
    var currentValue: String?
  }

  struct Credential: Codable {
    var name: String
    var store: String?
    var connectionType: Int?
    var usageTypes: [Int]
    var environmentVariables: [String]
  }

  struct Dependency: Codable {
    var dependent: String
    var dependentKind: String
    var requiredKind: String
    var required: String
    var requiredDisplayName: String?
    var expectedSolution: String?
  }

  struct MissingDependency: Codable {
    var requiredType: String
    var required: String
    var requiredSolution: String?
    var dependentType: String
    var dependent: String
  }

  var schemaVersion = 1
  var source: String
  var uniqueName: String
  var displayName: String
  var version: String
  var managed: String
  var packageVersion: String?
  var publisher: Publisher
  var counts: [String: Int]
  var cloudFlows: [Flow]
  var desktopFlows: [Flow]
  var otherWorkflows: [Flow]
  var connectionReferences: [ConnectionReference]
  var environmentVariables: [EnvironmentVariable]
  var credentials: [Credential]
  var customConnectors: [String]
  var rootComponents: Int
  var parts: [String: Int]
  var bytes: UInt64
  var externalDependencies: [Dependency]
  var missingDependencies: [MissingDependency]
  var diagnostics: [Diagnostic]
}

extension InspectReport {
  init(_ solution: Solution, source: String, diagnostics: [Diagnostic]) {
    let manifest = solution.manifest
    let flowsByID = Dictionary(
      solution.workflows.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    func flow(_ workflow: Workflow) -> Flow {
      Flow(
        id: workflow.id, name: workflow.name, kind: workflow.kind.rawValue,
        category: workflow.category, state: workflow.isOn ? "on" : "off",
        definition: workflow.definitionPath,
        connectionReferences: workflow.references.connectionReferences,
        environmentVariables: workflow.references.environmentVariables,
        childFlows: workflow.references.childFlows.map {
          Flow.ChildFlow(id: $0, name: flowsByID[$0]?.name, kind: flowsByID[$0]?.kind.rawValue)
        }, credentials: workflow.references.credentials)
    }
    let others = solution.workflows.filter { $0.kind != .cloudFlow && $0.kind != .desktopFlow }
    var parts: [String: Int] = [:]
    for part in solution.parts { parts[part.kind.rawValue, default: 0] += 1 }
    self.init(
      source: source, uniqueName: manifest.uniqueName, displayName: manifest.displayName,
      version: manifest.version.text, managed: manifest.managed.displayName,
      packageVersion: manifest.packageVersion,
      publisher: Publisher(
        uniqueName: manifest.publisher.uniqueName,
        displayName: manifest.publisher.localizedNames.preferred,
        customizationPrefix: manifest.publisher.customizationPrefix,
        customizationOptionValuePrefix: manifest.publisher.customizationOptionValuePrefix),
      counts: [
        "cloudFlows": solution.cloudFlows.count, "desktopFlows": solution.desktopFlows.count,
        "otherWorkflows": others.count,
        "connectionReferences": solution.connectionReferences.count,
        "environmentVariables": solution.environmentVariables.count,
        "credentials": solution.credentials.count,
        "customConnectors": solution.customConnectors.count, "entries": solution.parts.count,
      ],
      cloudFlows: solution.cloudFlows.map(flow).sorted { $0.name < $1.name },
      desktopFlows: solution.desktopFlows.map(flow).sorted { $0.name < $1.name },
      otherWorkflows: others.map(flow).sorted { $0.name < $1.name },
      connectionReferences: solution.connectionReferences.map {
        ConnectionReference(
          logicalName: $0.logicalName, displayName: $0.displayName, connector: $0.connectorName,
          customConnectorId: $0.customConnectorID)
      }.sorted { $0.logicalName.lowercased() < $1.logicalName.lowercased() },
      environmentVariables: solution.environmentVariables.map {
        EnvironmentVariable(
          schemaName: $0.schemaName, displayName: $0.displayName.preferred,
          type: $0.type?.displayName ?? "unknown", form: $0.form.rawValue,
          hasDefaultValue: !($0.defaultValue ?? "").isEmpty,
          hasCurrentValue: $0.value?.value != nil,
          currentValue: $0.isSecret ? nil : $0.value?.value)
      },
      credentials: solution.credentials.map {
        Credential(
          name: $0.name, store: $0.store?.rawValue, connectionType: $0.connectionType,
          usageTypes: $0.usageTypes, environmentVariables: $0.environmentVariables)
      },
      customConnectors: solution.customConnectors.map { $0.displayName ?? $0.name },
      rootComponents: manifest.rootComponents.count, parts: parts,
      bytes: solution.parts.reduce(0) { $0 + $1.size },
      externalDependencies: solution.externalRequirements.map {
        Dependency(
          dependent: $0.dependentName, dependentKind: $0.dependent.kind.rawValue,
          requiredKind: $0.required.kind.rawValue, required: $0.required.name,
          requiredDisplayName: $0.requiredDisplayName, expectedSolution: $0.expectedSolution)
      },
      missingDependencies: manifest.missingDependencies.map {
        MissingDependency(
          requiredType: $0.required.type?.label ?? "?", required: $0.required.name,
          requiredSolution: $0.required.solution, dependentType: $0.dependent.type?.label ?? "?",
          dependent: $0.dependent.displayName ?? $0.dependent.name)
      }, diagnostics: diagnostics)
  }
}
