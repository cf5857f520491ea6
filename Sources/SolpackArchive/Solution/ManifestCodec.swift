import Foundation
import SolpackModel

/// `solution.xml` ⇄ `SolutionManifest`.
public enum ManifestCodec {
  public static func decode(_ file: XMLFile, entry: String) throws -> SolutionManifest {
    guard file.root.name == "ImportExportXml",
      let manifest = file.root.element(named: "SolutionManifest")
    else {
      throw DiagnosticError(
        .error(
          "manifest-invalid",
          "\(entry) has no <ImportExportXml><SolutionManifest> (root is <\(file.root.name)>)",
          entry: entry, hint: "Check that this is a solution exported from Dataverse or pac."))
    }
    guard let uniqueName = manifest.text(of: "UniqueName"), !uniqueName.isEmpty else {
      throw missing("UniqueName", entry)
    }
    guard let versionText = manifest.text(of: "Version") else { throw missing("Version", entry) }
    guard let version = SolutionVersion(versionText) else {
      throw DiagnosticError(
        .error(
          "manifest-version-invalid",
          "\(entry): solution \(uniqueName) has Version \"\(versionText)\", not four numbers",
          entry: entry, component: "solution \(uniqueName)",
          hint: "Write the version as major.minor.build.revision, e.g. 1.0.0.0."))
    }
    let managedText = manifest.text(of: "Managed") ?? "0"
    guard let managedValue = Int(managedText), let managed = ManagedState(rawValue: managedValue)
    else {
      throw DiagnosticError(
        .error(
          "manifest-managed-invalid",
          "\(entry): <Managed> is \"\(managedText)\"; expected 0, 1 or 2", entry: entry,
          hint: "Use 0 for unmanaged, 1 for managed."))
    }
    guard let publisherElement = manifest.element(named: "Publisher") else {
      throw missing("Publisher", entry)
    }
    return SolutionManifest(
      uniqueName: uniqueName,
      localizedNames: labels(manifest.element(named: "LocalizedNames")),
      descriptions: labels(manifest.element(named: "Descriptions")),
      version: version, managed: managed, publisher: publisher(publisherElement),
      rootComponents: (manifest.element(named: "RootComponents")?.elements ?? []).map(root),
      missingDependencies: (manifest.element(named: "MissingDependencies")?.elements ?? [])
        .compactMap(missingDependency),
      packageVersion: file.root[attribute: "SolutionPackageVersion"], file: file)
  }

  /// The document for `manifest`: its source file with the typed fields written in.
  public static func encode(_ manifest: SolutionManifest) -> XMLFile {
    var file = manifest.file
    guard
      let index = file.root.children.firstIndex(where: { $0.element?.name == "SolutionManifest" }),
      var element = file.root.children[index].element
    else { return file }
    if element.text(of: "UniqueName") != manifest.uniqueName {
      element.setText(manifest.uniqueName, of: "UniqueName")
    }
    if element.text(of: "Version") != manifest.version.text {
      element.setText(manifest.version.text, of: "Version")
    }
    if element.text(of: "Managed") != String(manifest.managed.rawValue) {
      element.setText(String(manifest.managed.rawValue), of: "Managed")
    }
    file.root.children[index] = .element(element)
    return file
  }

  static func labels(_ element: XMLElement?) -> [LocalizedLabel] {
    (element?.elements ?? []).compactMap { label in
      guard let text = label[attribute: "description"] else { return nil }
      return LocalizedLabel(text, languageCode: Int(label[attribute: "languagecode"] ?? "") ?? 0)
    }
  }

  static func publisher(_ element: XMLElement) -> Publisher {
    Publisher(
      uniqueName: element.text(of: "UniqueName") ?? "",
      localizedNames: labels(element.element(named: "LocalizedNames")),
      descriptions: labels(element.element(named: "Descriptions")),
      customizationPrefix: element.text(of: "CustomizationPrefix") ?? "",
      customizationOptionValuePrefix: element.text(of: "CustomizationOptionValuePrefix")
        .flatMap { Int($0) },
      element: element)
  }

  static func root(_ element: XMLElement) -> RootComponent {
    RootComponent(
      type: ComponentType(element[attribute: "type"] ?? ""), id: element[attribute: "id"],
      schemaName: element[attribute: "schemaName"],
      behavior: element[attribute: "behavior"].flatMap { Int($0) }, element: element)
  }

  static func missingDependency(_ element: XMLElement) -> MissingDependency? {
    guard let required = element.element(named: "Required"),
      let dependent = element.element(named: "Dependent")
    else { return nil }
    func endpoint(_ element: XMLElement) -> DependencyEndpoint {
      DependencyEndpoint(attributes: element.attributes, package: element.text(of: "package"))
    }
    return MissingDependency(required: endpoint(required), dependent: endpoint(dependent))
  }

  private static func missing(_ name: String, _ entry: String) -> DiagnosticError {
    DiagnosticError(
      .error(
        "manifest-element-missing", "\(entry): <SolutionManifest> has no <\(name)>",
        entry: entry,
        hint: "Every solution.xml names its UniqueName, Version and Publisher."))
  }
}
