import Foundation
import SolpackModel

extension UnpackedLayout {
  /// One file of the unpacked tree: copied from an archive entry, or built.
  public struct FolderFile: Sendable {
    public enum Content: Sendable {
      case entry(String)
      case data(Data)
      /// Written when the file is, not held as bytes until then.
      case document(XMLFile)
      /// A workflow's metadata file: written while customizations.xml is read a second
      /// time, as each `<Workflow>` closes (`Unpacker`), so a solution of thousands of
      /// flows never holds all their metadata.
      case streamed
    }

    public var path: String
    public var content: Content
  }

  /// The files an archive unpacks to: customizations.xml split into
  /// `Other/Customizations.xml`, one metadata file per workflow and one XML file per
  /// custom connector; every other entry copied (`Connector/` becomes `Connectors/`).
  /// `customizations` is the parsed customizations.xml the caller already read (whole,
  /// or with `.essentials` workflows: their files are `.streamed`).
  public static func folderFiles(for source: any SolutionSource, customizations: XMLFile) throws
    -> [FolderFile]
  {
    var files: [FolderFile] = []
    for entry in source.entries {
      switch entry.path {
      case "solution.xml": files.append(FolderFile(path: solutionFile, content: .entry(entry.path)))
      case "customizations.xml":
        files += try split(customizations)
      default:
        files.append(
          FolderFile(path: folderPath(forArchivePath: entry.path), content: .entry(entry.path)))
      }
    }
    var seen = Set<String>()
    for file in files where !seen.insert(file.path.lowercased()).inserted {
      throw DiagnosticError(
        .error(
          "unpack-path-collision",
          "two parts of \(source.displayName) would both be written to \(file.path)",
          entry: file.path,
          hint:
            "The archive holds an entry at a path solpack's layout also uses; rename it in the archive."
        ))
    }
    return files
  }

  private static func split(_ file: XMLFile) throws -> [FolderFile] {
    var file = file
    let customizations = try CustomizationsCodec.decode(file, entry: "customizations.xml")
    let xsi = xsi(of: file)
    var result: [FolderFile] = []
    for workflow in customizations.workflows {
      result.append(FolderFile(path: metadataPath(for: workflow), content: .streamed))
    }
    for connector in customizations.connectors {
      result.append(
        FolderFile(
          path: connectorPath(for: connector),
          content: .document(metadataDocument(connector.element, xsi: xsi, newline: file.newline))
        ))
    }
    for section in ["Workflows", "Connectors"] where file.root.element(named: section) != nil {
      file.root.replaceElement(named: section, with: XMLElement(section))
    }
    result.append(FolderFile(path: customizationsFile, content: .data(XMLWriter.data(file))))
    return result
  }

  /// A split-out element as its own file: SolutionPackager's declaration, BOM and the
  /// `xmlns:xsi` declaration customizations.xml's root carries.
  static func metadataDocument(_ element: XMLElement, xsi: String, newline: String) -> XMLFile {
    var element = element
    if element[attribute: "xmlns:xsi"] == nil { element[attribute: "xmlns:xsi"] = xsi }
    return XMLFile(
      root: element, hasByteOrderMark: true, declaration: XMLFile.standardDeclaration,
      newline: newline)
  }

  /// The namespace each split-out file declares.
  static func xsi(of customizations: XMLFile) -> String {
    customizations.root[attribute: "xmlns:xsi"] ?? xsiNamespace
  }
}
