import Foundation
import SolpackModel

extension EnvironmentVariableCodec {
  /// `environmentvariablevalues.json` in the shape Dataverse exports it; without
  /// `value` when nil.
  public static func valuesData(id: String?, value: String?) -> Data {
    var inner: [(String, String)] = []
    if let id { inner.append(("@environmentvariablevalueid", id)) }
    inner.append(("iscustomizable", "1"))
    if let value { inner.append(("value", value)) }
    let body = inner.map { "      \(quoted($0.0)): \(quoted($0.1))" }.joined(separator: ",\n")
    return Data(
      "{\n  \"environmentvariablevalues\": {\n    \"environmentvariablevalue\": {\n\(body)\n    }\n  }\n}\n"
        .utf8)
  }

  /// JSON string literal; `/` and non-ASCII stay as they are, as pac writes them.
  public static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}

extension EnvironmentVariableCodec {
  /// A new definition in the shape Dataverse exports (format.md §4.1): alphabetical
  /// children, one English label.
  public static func definition(
    schemaName: String, displayName: String, description: String?, type: EnvironmentVariableType,
    introducedVersion: String
  ) -> Data {
    func labelled(_ name: String, _ text: String) -> XMLElement {
      XMLElement(
        name, attributes: [XMLAttribute("default", text)],
        children: [
          .element(
            XMLElement(
              "label",
              attributes: [XMLAttribute("description", text), XMLAttribute("languagecode", "1033")]
            ))
        ])
    }
    var children: [XMLElement] = []
    if let description, !description.isEmpty {
      children.append(labelled("description", description))
    }
    children += [
      labelled("displayname", displayName),
      XMLElement("introducedversion", text: introducedVersion),
      XMLElement("iscustomizable", text: "1"),
      XMLElement("isrequired", text: "0"),
      XMLElement("secretstore", text: "0"),
      XMLElement("type", text: String(type.rawValue)),
    ]
    let root = XMLElement(
      "environmentvariabledefinition", attributes: [XMLAttribute("schemaname", schemaName)],
      children: children.map(XMLNode.element))
    return XMLWriter.data(XMLFile(root: root, newline: "\n"))
  }

  public static func definitionPath(_ schemaName: String) -> String {
    "\(folder)\(schemaName)/\(definitionFile)"
  }

  public static func valuesPath(_ schemaName: String) -> String {
    "\(folder)\(schemaName)/\(valuesFile)"
  }
}
