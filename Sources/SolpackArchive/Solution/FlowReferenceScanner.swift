import Foundation
import SolpackModel

/// Reads what a flow uses from its JSON definition and, for desktop flows, the
/// `<Dependencies>` JSON in its metadata (format.md §3.3–3.4).
public enum FlowReferenceScanner {
  /// Nil when `data` is given but is not a valid JSON object.
  public static func scan(json data: Data?, metadata: XMLElement) -> FlowReferences? {
    try? references(json: data, metadata: metadata)
  }

  /// What the flow uses; throws what is wrong with `data` when it is not a valid JSON
  /// object within the scanner's limits.
  public static func references(json data: Data?, metadata: XMLElement)
    throws(FlowJSONProblem) -> FlowReferences
  {
    var references = FlowReferences()
    if let data {
      let scanner = try FlowJSONScanner.scan(data)
      // The old reader visited these two maps in key order; keep it, so which of two
      // names differing only in case survives does not change.
      references.connectionReferences = scanner.connections.sorted { $0.key < $1.key }.map(\.name)
      references.environmentVariables = scanner.parameters.sorted { $0.key < $1.key }.map(\.name)
      references.childFlows = scanner.childFlows
      references.credentials = scanner.credentials
    }
    // `<Dependencies>` is a few hundred bytes inside the metadata XML.
    if let dependencies = metadata.text(of: "Dependencies"),
      let object = try? JSONSerialization.jsonObject(with: Data(dependencies.utf8))
        as? [String: Any]
    {
      for item in object["credentials"] as? [Any] ?? [] {
        if let name = (item as? [String: Any])?["name"] as? String ?? item as? String {
          references.credentials.append(name)
        }
      }
      for item in object["childFlows"] as? [Any] ?? [] {
        let object = item as? [String: Any]
        if let id = object?["id"] as? String ?? object?["workflowId"] as? String ?? item as? String
        {
          references.childFlows.append(ComponentReference.normalizedID(id))
        }
      }
    }
    references.connectionReferences = unique(references.connectionReferences)
    references.environmentVariables = unique(references.environmentVariables)
    references.childFlows = unique(references.childFlows)
    references.credentials = unique(references.credentials)
    return references
  }

  private static func unique(_ values: [String]) -> [String] {
    var seen = Set<String>()
    return values.filter { seen.insert($0.lowercased()).inserted }.sorted {
      $0.lowercased() < $1.lowercased()
    }
  }
}
