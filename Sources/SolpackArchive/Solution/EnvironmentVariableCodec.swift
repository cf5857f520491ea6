import Foundation
import SolpackModel

/// `environmentvariabledefinitions/<schema>/environmentvariabledefinition.xml` and
/// its `environmentvariablevalues.json` (format.md §4).
public enum EnvironmentVariableCodec {
  public static let folder = "environmentvariabledefinitions/"
  public static let definitionFile = "environmentvariabledefinition.xml"
  public static let valuesFile = "environmentvariablevalues.json"

  public static func decode(_ file: XMLFile, entry: String) throws -> EnvironmentVariable {
    let element = file.root
    guard element.name == "environmentvariabledefinition",
      let schema = element[attribute: "schemaname"]
    else {
      throw DiagnosticError(
        .error(
          "env-var-invalid",
          "\(entry) is not an <environmentvariabledefinition schemaname=…> (root <\(element.name)>)",
          entry: entry, hint: "Export the solution again, or fix the definition file."))
    }
    let typeCode = element.text(of: "type").flatMap { Int($0) }
    return EnvironmentVariable(
      schemaName: schema, displayName: labels(element.element(named: "displayname")),
      description: labels(element.element(named: "description")),
      type: typeCode.flatMap(EnvironmentVariableType.init),
      defaultValue: element.text(of: "defaultvalue"),
      secretStore: element.text(of: "secretstore").flatMap { Int($0) },
      isRequired: element.text(of: "isrequired").map { $0 == "1" },
      apiID: element.text(of: "apiid"), parameterKey: element.text(of: "parameterkey"),
      introducedVersion: element.text(of: "introducedversion"), form: .folder, element: element)
  }

  /// `{"environmentvariablevalues":{"environmentvariablevalue":{…}}}`; the inner value may
  /// be an object or an array (first element used), or the file may hold only
  /// `{"iscustomizable":"1"}`.
  public static func decodeValue(_ data: Data, entry: String) throws -> EnvironmentVariableValue {
    let json: Any
    do {
      json = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    } catch {
      throw DiagnosticError(
        .error(
          "env-var-value-invalid", "\(entry) is not valid JSON", entry: entry,
          hint: "Fix the JSON, or delete the file to ship the variable without a value."))
    }
    var object = json as? [String: Any] ?? [:]
    if let outer = object["environmentvariablevalues"] as? [String: Any] {
      let inner = outer["environmentvariablevalue"]
      object = (inner as? [String: Any]) ?? ((inner as? [Any])?.first as? [String: Any]) ?? [:]
    }
    return EnvironmentVariableValue(
      id: object["@environmentvariablevalueid"] as? String, value: object["value"] as? String,
      isCustomizable: object["iscustomizable"] as? String)
  }

  /// `<displayname default="…"><label description="…" languagecode="1033" /></displayname>`.
  static func labels(_ element: XMLElement?) -> [LocalizedLabel] {
    guard let element else { return [] }
    let labels = element.elements(named: "label").compactMap { label -> LocalizedLabel? in
      guard let text = label[attribute: "description"] else { return nil }
      return LocalizedLabel(text, languageCode: Int(label[attribute: "languagecode"] ?? "") ?? 0)
    }
    if labels.isEmpty, let text = element[attribute: "default"] { return [LocalizedLabel(text)] }
    return labels
  }
}
