import Foundation
import SolpackModel

/// One form for two exports that mean the same: what `diff` compares and what
/// `unpack --canonical` writes (docs/canonical.md).
///
/// XML: children of collections whose order Dataverse does not use are sorted by
/// their own canonical text; attributes sorted by name (namespace declarations first);
/// indentation, `<X />`, no BOM, the standard declaration, LF. Every other element keeps
/// its children's order — form script order, for one, matters.
/// JSON: keys sorted, two-space indent, LF, `/` unescaped, `{}` and `[]` for empty ones.
public enum Canonical {
  /// Elements whose children's order carries no meaning.
  public static let unorderedCollections: Set<String> = [
    "RootComponents", "MissingDependencies", "connectionreferences", "Workflows", "Languages",
    "LocalizedNames", "Descriptions", "displayname", "description", "EnvironmentVariables",
  ]

  public static func xml(_ file: XMLFile) -> XMLFile {
    XMLFile(
      root: element(file.root), hasByteOrderMark: false, declaration: XMLFile.standardDeclaration,
      newline: "\n", trailer: "", isIndented: true)
  }

  public static func xmlData(_ data: Data, entry: String) throws -> Data {
    XMLWriter.data(xml(try XMLReader.parse(data, entry: entry)))
  }

  /// The canonical form of one element and everything in it.
  public static func element(_ element: XMLElement) -> XMLElement {
    var element = element
    element.writesEmptyAsPair = false
    element.attributes.sort { lhs, rhs in
      let (left, right) = (lhs.name.hasPrefix("xmlns"), rhs.name.hasPrefix("xmlns"))
      return left != right ? left : lhs.name < rhs.name
    }
    let elementOnly = XMLWriter.isElementOnly(element)
    var children: [XMLNode] = []
    for child in element.children {
      switch child {
      case .element(let inner): children.append(.element(Self.element(inner)))
      case .text(let text) where elementOnly && text.allSatisfy(\.isWhitespace): continue
      case .comment where elementOnly: continue
      default: children.append(child)
      }
    }
    if elementOnly && unorderedCollections.contains(element.name) {
      children = children.map {
        (XMLWriter.string($0.element ?? XMLElement(""), newline: "\n"), $0)
      }
      .sorted { $0.0 < $1.0 }.map(\.1)
    }
    element.children = children
    return element
  }

  public static func json(_ data: Data) throws -> Data {
    let value = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    var out = try JSONSerialization.data(
      withJSONObject: value,
      options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes, .fragmentsAllowed])
    out = collapsingEmptyContainers(out)
    out.append(0x0A)
    return out
  }

  /// `{}` and `[]` for what Foundation writes over three lines (`{\n\n  }`): flows hold
  /// hundreds of empty `runAfter` and `inputs`. A raw newline after a bracket is always
  /// layout, never string content (strings escape it), so nothing else is touched.
  static func collapsingEmptyContainers(_ data: Data) -> Data {
    let bytes = [UInt8](data)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      out.append(byte)
      index += 1
      let close: UInt8
      switch byte {
      case UInt8(ascii: "{"): close = UInt8(ascii: "}")
      case UInt8(ascii: "["): close = UInt8(ascii: "]")
      default: continue
      }
      guard index < bytes.count, bytes[index] == 0x0A else { continue }
      var end = index
      while end < bytes.count, bytes[end] == 0x0A || bytes[end] == 0x20 { end += 1 }
      if end < bytes.count, bytes[end] == close {
        out.append(close)
        index = end + 1
      }
    }
    return Data(out)
  }
}
