import Foundation
import SolpackModel

/// `[Content_Types].xml` (format.md §1.3): one `<Default>` per extension present and an
/// `<Override>` for each part without an extension. An existing file is kept byte
/// for byte while it still covers every entry; otherwise a new one is written in
/// Dataverse's style.
public enum ContentTypes {
  public static let path = "[Content_Types].xml"
  static let namespace = "http://schemas.openxmlformats.org/package/2006/content-types"
  static let octetStream = "application/octet-stream"

  /// The entries `existing` does not cover; empty when it can be kept as it is.
  public static func uncovered(by existing: Data, paths: [String]) -> [String]? {
    guard let file = try? XMLReader.parse(existing, entry: path), file.root.name == "Types" else {
      return nil
    }
    let defaults = Set(
      file.root.elements(named: "Default").compactMap { $0[attribute: "Extension"]?.lowercased() })
    let overrides = Set(
      file.root.elements(named: "Override").compactMap { $0[attribute: "PartName"]?.lowercased() })
    return paths.filter { entry in
      guard entry != path else { return false }
      if overrides.contains("/" + entry.lowercased()) { return false }
      guard let ext = fileExtension(entry) else { return true }
      return !defaults.contains(ext.lowercased())
    }
  }

  /// A new file for `paths` (in archive order): extensions in order of first use.
  public static func generate(paths: [String]) -> Data {
    var root = XMLElement("Types", attributes: [XMLAttribute("xmlns", namespace)])
    var seen = Set<String>()
    var overrides: [XMLElement] = []
    for entry in paths where entry != path {
      if let ext = fileExtension(entry) {
        if seen.insert(ext.lowercased()).inserted {
          root.children.append(
            .element(
              XMLElement(
                "Default",
                attributes: [
                  XMLAttribute("Extension", ext), XMLAttribute("ContentType", octetStream),
                ])))
        }
      } else {
        overrides.append(
          XMLElement(
            "Override",
            attributes: [
              XMLAttribute("PartName", "/" + entry), XMLAttribute("ContentType", octetStream),
            ]))
      }
    }
    root.children += overrides.map(XMLNode.element)
    let file = XMLFile(
      root: root, hasByteOrderMark: true, declaration: XMLFile.standardDeclaration, newline: "\r\n",
      isIndented: false)
    return XMLWriter.data(file)
  }

  static func fileExtension(_ path: String) -> String? {
    // An ASCII path is cut as bytes: splitting it into Characters cost 20,000
    // instructions a path, twice per entry in pack.
    if path.isASCII {
      let bytes = path.utf8
      let end = (bytes.lastIndex { $0 != UInt8(ascii: "/") }).map(bytes.index(after:))
      guard let end else { return nil }
      let start = bytes[..<end].lastIndex(of: UInt8(ascii: "/")).map(bytes.index(after:))
      let name = bytes[(start ?? bytes.startIndex)..<end]
      guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex,
        bytes.index(after: dot) < end
      else { return nil }
      return String(decoding: bytes[bytes.index(after: dot)..<end], as: UTF8.self)
    }
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
    let ext = String(name[name.index(after: dot)...])
    return ext.isEmpty ? nil : ext
  }
}
