import Foundation
import SolpackModel

/// SolutionPackager's unpacked layout and the archive it stands for:
///
/// | archive                     | unpacked folder                                  |
/// |-----------------------------|--------------------------------------------------|
/// | `solution.xml`              | `Other/Solution.xml` (bytes unchanged)           |
/// | `customizations.xml`        | `Other/Customizations.xml`, `<Workflows />` and `<Connectors />` emptied |
/// | each `<Workflow>`           | `Workflows/<file>.json.data.xml` (or `.xaml.data.xml`) |
/// | each `<Connector>`          | `Connectors/<name>.xml`                          |
/// | `Connector/<file>`          | `Connectors/<file>`                              |
/// | anything else               | the same path                                    |
public enum UnpackedLayout {
  static let solutionFile = "Other/Solution.xml"
  static let customizationsFile = "Other/Customizations.xml"
  static let xsiNamespace = "http://www.w3.org/2001/XMLSchema-instance"

  /// Folder path for an archive entry that is copied as it is.
  static func folderPath(forArchivePath path: String) -> String {
    if path.hasPrefix("Connector/") { return "Connectors/" + path.dropFirst("Connector/".count) }
    return path
  }

  /// Where a workflow's metadata goes: next to its definition file.
  static func metadataPath(for workflow: Workflow) -> String {
    if let definition = workflow.definitionPath { return definition + ".data.xml" }
    let name = Credential.folderName(for: workflow.name)
    return "Workflows/\(name)-\(workflow.id.uppercased()).data.xml"
  }

  static func connectorPath(for connector: CustomConnector) -> String {
    "Connectors/\(Credential.folderName(for: connector.name)).xml"
  }
}
