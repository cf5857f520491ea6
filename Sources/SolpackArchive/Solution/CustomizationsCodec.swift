import Foundation
import SolpackModel

/// The typed parts of `customizations.xml`: workflows, connection references,
/// custom connectors and legacy inline environment variables. Everything else in it
/// (entities, forms, option sets, …) stays in the document untouched.
public struct Customizations: Sendable {
  public var workflows: [Workflow]
  public var connectionReferences: [ConnectionReference]
  public var connectors: [CustomConnector]
  public var legacyEnvironmentVariables: [EnvironmentVariable]
}

public enum CustomizationsCodec {
  public static func decode(_ file: XMLFile, entry: String) throws -> Customizations {
    guard file.root.name == "ImportExportXml" else {
      throw DiagnosticError(
        .error(
          "customizations-invalid",
          "\(entry) has root <\(file.root.name)>, expected <ImportExportXml>", entry: entry,
          hint: "Check that this is a solution exported from Dataverse or pac."))
    }
    let root = file.root
    return Customizations(
      workflows: (root.element(named: "Workflows")?.elements(named: "Workflow") ?? []).map(
        workflow),
      connectionReferences: (root.element(named: "connectionreferences")?.elements ?? [])
        .compactMap(connectionReference),
      connectors: (root.element(named: "Connectors")?.elements(named: "Connector") ?? [])
        .map(connector),
      legacyEnvironmentVariables: (root.element(named: "EnvironmentVariables")?.elements ?? [])
        .compactMap(legacyVariable))
  }

  /// A `<Workflow>` cut to what the model and the reference scan read: its attributes
  /// and these children. Localized names, descriptions and the rest stay in the file.
  static let essentialWorkflowChildren: Set<String> = [
    "JsonFileName", "XamlFileName", "Category", "StateCode", "StatusCode", "Dependencies",
  ]

  /// Slims each `<Workflow>` while customizations.xml is parsed (`SolutionReader`'s
  /// `.essentials`): inspect, check and pack need no more, and a solution of thousands
  /// of flows then never holds all their metadata.
  public static let essentials = XMLReader.Condense(
    path: ["ImportExportXml", "Workflows", "Workflow"],
    keeps: { essentialWorkflowChildren.contains($0) }
  ) { element in
    var element = element
    // A new array rather than `removeAll`, which keeps the capacity of every child read:
    // thousands of slim workflows are held at once.
    element.children = element.children.filter {
      guard case .element(let child) = $0 else { return false }
      return essentialWorkflowChildren.contains(child.name)
    }
    return element
  }

  static func workflow(_ element: XMLElement) -> Workflow {
    let file = element.text(of: "JsonFileName") ?? element.text(of: "XamlFileName")
    return Workflow(
      id: ComponentReference.normalizedID(element[attribute: "WorkflowId"] ?? ""),
      name: element[attribute: "Name"] ?? "",
      category: element.text(of: "Category").flatMap { Int($0) },
      definitionPath: file.map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 },
      stateCode: element.text(of: "StateCode").flatMap { Int($0) },
      statusCode: element.text(of: "StatusCode").flatMap { Int($0) }, element: element)
  }

  static func connectionReference(_ element: XMLElement) -> ConnectionReference? {
    guard let name = element[attribute: "connectionreferencelogicalname"] else { return nil }
    return ConnectionReference(
      logicalName: name, displayName: element.text(of: "connectionreferencedisplayname"),
      connectorID: element.text(of: "connectorid"),
      customConnectorID: element.element(named: "customconnectorid")?.text(of: "connectorid")
        .map(ComponentReference.normalizedID),
      description: element.text(of: "description"),
      isCustomizable: element.text(of: "iscustomizable").map { $0 == "1" },
      promptingBehavior: element.text(of: "promptingbehavior").flatMap { Int($0) },
      stateCode: element.text(of: "statecode").flatMap { Int($0) },
      statusCode: element.text(of: "statuscode").flatMap { Int($0) }, element: element)
  }

  static func connector(_ element: XMLElement) -> CustomConnector {
    CustomConnector(
      id: element.text(of: "connectorid").map(ComponentReference.normalizedID),
      name: element.text(of: "name") ?? "", displayName: element.text(of: "displayname"),
      element: element)
  }

  static func legacyVariable(_ element: XMLElement) -> EnvironmentVariable? {
    guard let schema = element.text(of: "SchemaName") else { return nil }
    return EnvironmentVariable(
      schemaName: schema,
      displayName: ManifestCodec.labels(
        element.element(named: "DisplayName")?.element(named: "LocalizedNames")),
      description: ManifestCodec.labels(
        element.element(named: "Description")?.element(named: "LocalizedNames")),
      type: element.text(of: "Type").flatMap { Int($0) }.flatMap(EnvironmentVariableType.init),
      defaultValue: element.text(of: "DefaultValue"),
      isRequired: element.text(of: "IsRequired").map { $0 == "1" },
      introducedVersion: element[attribute: "IntroducedVersion"], form: .inline, element: element)
  }
}
