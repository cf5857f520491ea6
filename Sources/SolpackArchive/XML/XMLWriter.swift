import Foundation
import SolpackModel

/// Writes XML the way Dataverse and SolutionPackager do (.NET `XmlWriter` with
/// indentation): two-space indent, `<X />` for empty elements, attributes in the
/// order held, the source's BOM, declaration and line ends. Element-only content is
/// re-indented; text and mixed content are written as they are.
public enum XMLWriter {
  public static func data(_ file: XMLFile) -> Data {
    var out = ""
    if let declaration = file.declaration {
      out += declaration + (file.isIndented ? file.newline : "")
    }
    write(file.root, depth: 0, newline: file.newline, indented: file.isIndented, into: &out)
    out += file.trailer
    var data = Data(file.hasByteOrderMark ? [0xEF, 0xBB, 0xBF] : [])
    data.append(contentsOf: out.utf8)
    return data
  }

  /// One element, indented as if at `depth`, with no prolog.
  public static func string(_ element: XMLElement, depth: Int = 0, newline: String = "\r\n")
    -> String
  {
    var out = ""
    write(element, depth: depth, newline: newline, indented: true, into: &out)
    return out
  }

  /// One element on one line, as found inside mixed content: for report lines.
  public static func inline(_ element: XMLElement) -> String {
    var out = ""
    write(element, depth: 0, newline: "\n", indented: false, into: &out)
    return out
  }

  /// Element-only content is indented unless `indented` is false; mixed content never
  /// is, inside it .NET stops indenting, so do we.
  static func write(
    _ element: XMLElement, depth: Int, newline: String, indented: Bool, into out: inout String
  ) {
    out += "<" + element.name
    for attribute in element.attributes {
      out += " \(attribute.name)=\"\(escapeAttribute(attribute.value))\""
    }
    if element.children.isEmpty {
      out += element.writesEmptyAsPair ? "></\(element.name)>" : " />"
      return
    }
    out += ">"
    if indented && isElementOnly(element) {
      let indent = String(repeating: "  ", count: depth + 1)
      for child in element.children {
        if case .text = child { continue }
        out += newline + indent
        write(child, depth: depth + 1, newline: newline, indented: true, into: &out)
      }
      out += newline + String(repeating: "  ", count: depth)
    } else {
      for child in element.children {
        write(child, depth: depth + 1, newline: newline, indented: false, into: &out)
      }
    }
    out += "</\(element.name)>"
  }

  private static func write(
    _ node: XMLNode, depth: Int, newline: String, indented: Bool, into out: inout String
  ) {
    switch node {
    case .element(let element):
      write(element, depth: depth, newline: newline, indented: indented, into: &out)
    case .text(let text): out += escapeText(text, newline: newline)
    case .cdata(let text): out += "<![CDATA[\(text)]]>"
    case .comment(let text): out += "<!--\(text)-->"
    case .processingInstruction(let target, let data):
      out += data.isEmpty ? "<?\(target)?>" : "<?\(target) \(data)?>"
    }
  }

  /// Element-only content: child elements (or comments) and whitespace between them.
  static func isElementOnly(_ element: XMLElement) -> Bool {
    var sawNonText = false
    for child in element.children {
      switch child {
      case .text(let text):
        if !text.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }) {
          return false
        }
      case .cdata: return false
      default: sawNonText = true
      }
    }
    return sawNonText
  }

  static func escapeText(_ text: String, newline: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\n": out += newline
      case "\r": out += "&#xD;"
      default: out.unicodeScalars.append(valid(scalar))
      }
    }
    return out
  }

  /// XML 1.0 cannot hold most control characters, even as references; parsed input never
  /// has them, but text solpack builds (reports) might.
  static func valid(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    let invalid =
      (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r")
      || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    return invalid ? "\u{FFFD}" : scalar
  }

  public static func escapeAttribute(_ value: String) -> String {
    var out = ""
    out.reserveCapacity(value.utf8.count)
    for scalar in value.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "\n": out += "&#xA;"
      case "\r": out += "&#xD;"
      case "\t": out += "&#x9;"
      default: out.unicodeScalars.append(valid(scalar))
      }
    }
    return out
  }
}
