import Foundation
import SolpackModel

/// Reads what a flow uses from its JSON definition and, for desktop flows, the
/// `<Dependencies>` JSON in its metadata (format.md §3.3–3.4).
public enum FlowReferenceScanner {
  /// Nil when `data` is given but is not a JSON object.
  public static func scan(json data: Data?, metadata: XMLElement) -> FlowReferences? {
    var references = FlowReferences()
    if let data {
      guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        return nil
      }
      let properties = object["properties"] as? [String: Any] ?? [:]
      for case let reference as [String: Any]
        in (properties["connectionReferences"]
        as? [String: Any] ?? [:]).sortedValues
      {
        let connection = reference["connection"] as? [String: Any]
        if let name = connection?["connectionReferenceLogicalName"] as? String {
          references.connectionReferences.append(name)
        }
      }
      let definition = properties["definition"] as? [String: Any]
      for case let parameter as [String: Any]
        in (definition?["parameters"] as? [String: Any] ?? [:])
        .sortedValues
      {
        if let schema = (parameter["metadata"] as? [String: Any])?["schemaName"] as? String {
          references.environmentVariables.append(schema)
        }
      }
      walk(object, into: &references)
    }
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

  /// Child flows (`workflowReferenceName`), desktop flows run (`uiFlowId`) and
  /// credentials (`credentialName`) can sit at any depth in actions.
  private static func walk(_ value: Any, into references: inout FlowReferences, depth: Int = 0) {
    guard depth < 512 else { return }
    if let object = value as? [String: Any] {
      for (key, child) in object {
        if let text = child as? String {
          switch key {
          case "workflowReferenceName", "uiFlowId":
            references.childFlows.append(ComponentReference.normalizedID(text))
          case "credentialName": references.credentials.append(text)
          default: break
          }
        } else {
          walk(child, into: &references, depth: depth + 1)
        }
      }
    } else if let array = value as? [Any] {
      for child in array { walk(child, into: &references, depth: depth + 1) }
    }
  }

  private static func unique(_ values: [String]) -> [String] {
    var seen = Set<String>()
    return values.filter { seen.insert($0.lowercased()).inserted }.sorted {
      $0.lowercased() < $1.lowercased()
    }
  }
}

extension Dictionary where Key == String {
  fileprivate var sortedValues: [Value] { keys.sorted().compactMap { self[$0] } }
}
