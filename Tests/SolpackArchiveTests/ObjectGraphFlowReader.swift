import Foundation
import SolpackModel
import SolpackTestSupport

/// The `JSONSerialization` reader that `FlowJSONScanner` replaced, kept as the oracle
/// the scanner is compared against (the flow JSON part only; metadata is shared code).
enum ObjectGraphFlowReader {
  static func scan(json data: Data) -> FlowReferences? {
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      return nil
    }
    var references = FlowReferences()
    let properties = object["properties"] as? [String: Any] ?? [:]
    for case let reference as [String: Any]
      in sortedValues(properties["connectionReferences"] as? [String: Any] ?? [:])
    {
      let connection = reference["connection"] as? [String: Any]
      if let name = connection?["connectionReferenceLogicalName"] as? String {
        references.connectionReferences.append(name)
      }
    }
    let definition = properties["definition"] as? [String: Any]
    for case let parameter as [String: Any]
      in sortedValues(definition?["parameters"] as? [String: Any] ?? [:])
    {
      if let schema = (parameter["metadata"] as? [String: Any])?["schemaName"] as? String {
        references.environmentVariables.append(schema)
      }
    }
    walk(object, into: &references)
    references.connectionReferences = unique(references.connectionReferences)
    references.environmentVariables = unique(references.environmentVariables)
    references.childFlows = unique(references.childFlows)
    references.credentials = unique(references.credentials)
    return references
  }

  private static func walk(_ value: Any, into references: inout FlowReferences) {
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
          walk(child, into: &references)
        }
      }
    } else if let array = value as? [Any] {
      for child in array { walk(child, into: &references) }
    }
  }

  private static func sortedValues(_ dictionary: [String: Any]) -> [Any] {
    dictionary.keys.sorted().compactMap { dictionary[$0] }
  }

  private static func unique(_ values: [String]) -> [String] {
    var seen = Set<String>()
    return values.filter { seen.insert($0.lowercased()).inserted }.sorted {
      $0.lowercased() < $1.lowercased()
    }
  }
}

/// Flow JSON shaped like the benchmark generator's (Scripts/make-synthetic-solution.py):
/// connection references, parameters with and without schema names, nested scopes with
/// child flows, desktop flows and credentials, escapes and non-ASCII text; deterministic.
enum SyntheticFlow {
  static func json(seed: Int) -> String {
    var random = SplitMix64(seed: UInt64(seed))
    let connections = (0..<random.below(4)).map { index in
      "\"shared_c\(index)\":{\"runtimeSource\":\"embedded\",\"connection\":{\"connectionReferenceLogicalName\":\"syn_Conn\(random.below(6))\"},\"api\":{\"name\":\"shared_c\(index)\"}}"
    }
    var parameters = ["\"$connections\":{\"defaultValue\":{},\"type\":\"Object\"}"]
    for index in 0..<random.below(5) {
      parameters.append(
        "\"P\(index) (syn_Var\(index))\":{\"defaultValue\":\"\",\"type\":\"String\",\"metadata\":{\"schemaName\":\"syn_\(random.below(2) == 0 ? "Var" : "VAR")\(index)\",\"description\":\"Välue \\\"\(index)\\\"\"}}"
      )
    }
    let actions = (0..<(1 + random.below(12))).map { action(&random, name: "A\($0)", depth: 0) }
    return """
      {"properties":{"connectionReferences":{\(connections.joined(separator: ","))},
      "definition":{"$schema":"https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
      "contentVersion":"1.0.0.0","parameters":{\(parameters.joined(separator: ","))},
      "triggers":{"manual":{"type":"Request","kind":"Button","inputs":{"schema":{"type":"object","properties":{"n":{"type":"number","x-ms-dynamically-added":true}}}}}},
      "actions":{\(actions.joined(separator: ","))}},"templateName":null},"schemaVersion":"1.0.0.0"}
      """
  }

  private static func action(_ random: inout SplitMix64, name: String, depth: Int) -> String {
    switch random.below(depth < 4 ? 6 : 4) {
    case 0:
      return
        "\"\(name)\":{\"type\":\"Workflow\",\"inputs\":{\"host\":{\"workflowReferenceName\":\"{\(guid(&random))}\"},\"body\":{\"t\":\"@{triggerBody()?['text']}\"}},\"runAfter\":{}}"
    case 1:
      return
        "\"\(name)\":{\"type\":\"OpenApiConnection\",\"inputs\":{\"parameters\":{\"uiFlowId\":\"\(guid(&random))\",\"credentialName\":\"Login \(random.below(3))\"},\"host\":{\"connectionName\":\"shared_c0\"}},\"runAfter\":{}}"
    case 2:
      return
        "\"\(name)\":{\"type\":\"Compose\",\"inputs\":[1,-2.5e3,true,false,null,\"\\u00e9\\n\\t\",{\"credentialName\":\(random.below(2))}],\"runAfter\":{}}"
    case 3:
      return
        "\"\(name)\":{\"type\":\"InitializeVariable\",\"inputs\":{\"variables\":[{\"name\":\"v\",\"type\":\"string\",\"value\":\"Grüße 😀\"}]}}"
    default:
      let inner = (0..<(1 + random.below(4))).map {
        action(&random, name: "\(name)_\($0)", depth: depth + 1)
      }
      return
        "\"\(name)\":{\"type\":\"Scope\",\"actions\":{\(inner.joined(separator: ","))},\"runAfter\":{}}"
    }
  }

  private static func guid(_ random: inout SplitMix64) -> String {
    let hex = (0..<32).map { _ in
      String(random.below(16), radix: 16, uppercase: random.below(2) == 0)
    }
    return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { hex[$0].joined() }.joined(
      separator: "-")
  }
}

extension SplitMix64 {
  fileprivate mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
