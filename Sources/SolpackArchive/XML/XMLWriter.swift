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
    if file.isIndented {
      write(file.root, depth: 0, newline: file.newline, into: &out)
    } else {
      out += inlineString(file.root, newline: file.newline)
    }
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
    write(element, depth: depth, newline: newline, into: &out)
    return out
  }

  static func write(_ element: XMLElement, depth: Int, newline: String, into out: inout String) {
    out += "<" + element.name
    for attribute in element.attributes {
      out += " \(attribute.name)=\"\(escapeAttribute(attribute.value))\""
    }
    if element.children.isEmpty {
      out += element.writesEmptyAsPair ? "></\(element.name)>" : " />"
      return
    }
    out += ">"
    if isElementOnly(element) {
      let indent = String(repeating: "  ", count: depth + 1)
      for child in element.children {
        if case .text = child { continue }
        out += newline + indent
        write(child, depth: depth + 1, newline: newline, into: &out)
      }
      out += newline + String(repeating: "  ", count: depth)
    } else {
      for child in element.children {
        write(child, depth: depth + 1, newline: newline, into: &out, inline: true)
      }
    }
    out += "</\(element.name)>"
  }

  private static func write(
    _ node: XMLNode, depth: Int, newline: String, into out: inout String, inline: Bool = false
  ) {
    switch node {
    case .element(let element):
      if inline {
        // Mixed content: .NET stops indenting inside it, so do we.
        out += XMLWriter.inlineString(element, newline: newline)
      } else {
        write(element, depth: depth, newline: newline, into: &out)
      }
    case .text(let text): out += escapeText(text, newline: newline)
    case .cdata(let text): out += "<![CDATA[\(text)]]>"
    case .comment(let text): out += "<!--\(text)-->"
    case .processingInstruction(let target, let data):
      out += data.isEmpty ? "<?\(target)?>" : "<?\(target) \(data)?>"
    }
  }

  private static func inlineString(_ element: XMLElement, newline: String) -> String {
    var out = "<" + element.name
    for attribute in element.attributes {
      out += " \(attribute.name)=\"\(escapeAttribute(attribute.value))\""
    }
    if element.children.isEmpty {
      return out + (element.writesEmptyAsPair ? "></\(element.name)>" : " />")
    }
    out += ">"
    for child in element.children {
      write(child, depth: 0, newline: newline, into: &out, inline: true)
    }
    return out + "</\(element.name)>"
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
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  static func escapeAttribute(_ value: String) -> String {
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
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
