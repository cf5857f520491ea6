import Foundation
import SolpackArchive

/// A generated solution of any size, for tests that need imports, exports and unpacks
/// that take a while (crash and concurrency tests): cloud flows padded to a size,
/// String env vars with values, and flows that use env vars of other solutions, so
/// the importer must order them (or refuse one without the other). The same value
/// writes the same files.
public struct SyntheticSolution: Sendable {
  public var name: String
  public var version: String
  public var flows: Int
  /// Roughly the size of each flow's JSON.
  public var flowBytes: Int
  public var variables: Int
  /// Env var schema names from other solutions (`variable(_:_:)`) every flow uses.
  public var uses: [String]
  public var seed: UInt64

  public init(
    name: String, version: String = "1.0.0.0", flows: Int = 1, flowBytes: Int = 2000,
    variables: Int = 1, uses: [String] = [], seed: UInt64 = 1
  ) {
    self.name = name
    self.version = version
    self.flows = flows
    self.flowBytes = flowBytes
    self.variables = variables
    self.uses = uses
    self.seed = seed
  }

  /// The schema name of `solution`'s env var number `index`.
  public static func variable(_ solution: String, _ index: Int) -> String {
    "p_\(solution)Var\(index)"
  }

  /// Writes the extracted archive (entries at their archive paths) into `folder`.
  public func write(to folder: URL) throws {
    var random = SplitMix64(seed: seed ^ UInt64(truncatingIfNeeded: name.hashValueStable))
    var files: [String: Data] = [:]
    var workflows = ""
    let own = (0..<variables).map { Self.variable(name, $0) }
    for index in 0..<flows {
      let id = Self.uuid(&random)
      let flowName = "\(name)Flow\(index)"
      workflows +=
        "<Workflow WorkflowId=\"{\(id)}\" Name=\"\(flowName)\"><JsonFileName>/Workflows/\(flowName)-\(id.uppercased()).json</JsonFileName><Category>5</Category><StateCode>1</StateCode></Workflow>"
      let used = uses + (own.isEmpty ? [] : [own[index % own.count]])
      files["Workflows/\(flowName)-\(id.uppercased()).json"] = flowJSON(used, &random)
    }
    files["solution.xml"] = Data(
      """
      <ImportExportXml><SolutionManifest><UniqueName>\(name)</UniqueName><LocalizedNames>\
      <LocalizedName description="\(name)" languagecode="1033" /></LocalizedNames>\
      <Version>\(version)</Version><Managed>0</Managed><Publisher><UniqueName>Synthetic</UniqueName>\
      <CustomizationPrefix>p</CustomizationPrefix></Publisher><RootComponents />\
      <MissingDependencies /></SolutionManifest></ImportExportXml>
      """.utf8)
    files["customizations.xml"] = Data(
      "<ImportExportXml><Workflows>\(workflows)</Workflows></ImportExportXml>".utf8)
    for schema in own {
      let base = "environmentvariabledefinitions/\(schema)/"
      files[base + "environmentvariabledefinition.xml"] = Data(
        "<environmentvariabledefinition schemaname=\"\(schema)\"><isrequired>0</isrequired><type>100000000</type></environmentvariabledefinition>"
          .utf8)
      files[base + "environmentvariablevalues.json"] = Data(
        #"{"environmentvariablevalues":{"environmentvariablevalue":{"value":"\#(schema) \#(version)"}}}"#
          .utf8)
    }
    files[ContentTypes.path] = ContentTypes.generate(paths: Array(files.keys))
    for (path, data) in files {
      let url = folder.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: url)
    }
  }

  /// Writes the solution as an archive at `archive`, through a scratch folder.
  public func pack(to archive: URL) throws {
    let scratch = archive.deletingLastPathComponent().appendingPathComponent(
      ".\(archive.lastPathComponent).tree")
    try? FileManager.default.removeItem(at: scratch)
    defer { try? FileManager.default.removeItem(at: scratch) }
    try write(to: scratch)
    _ = try Packer.pack(try SolutionSources.open(scratch), to: archive)
  }

  private func flowJSON(_ variables: [String], _ random: inout SplitMix64) -> Data {
    var parameters: [String: Any] = [:]
    for schema in variables {
      parameters["\(schema) (\(schema))"] = [
        "defaultValue": "", "type": "String", "metadata": ["schemaName": schema],
      ]
    }
    var actions: [String: Any] = [:]
    var size = 0
    var step = 0
    while size < flowBytes {
      let text = (0..<12).map { _ in Self.words[Int(random.next() % UInt64(Self.words.count))] }
        .joined(separator: " ")
      actions["Compose_\(step)"] = ["type": "Compose", "inputs": text, "runAfter": [:]]
      size += text.utf8.count + 60
      step += 1
    }
    let object: [String: Any] = [
      "properties": [
        "connectionReferences": [:],
        "definition": [
          "$schema":
            "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
          "contentVersion": "1.0.0.0", "parameters": parameters,
          "triggers": ["manual": ["type": "Request", "kind": "Button"]], "actions": actions,
        ],
      ],
      "schemaVersion": "1.0.0.0",
    ]
    return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
  }

  private static func uuid(_ random: inout SplitMix64) -> String {
    let hex = String(format: "%016llx%016llx", random.next(), random.next())
    let characters = Array(hex)
    return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }
      .joined(separator: "-")
  }

  private static let words = """
    account approval archive audit batch budget campaign contract customer delivery invoice \
    ledger order payment portal project quote receipt refund report review schedule shipment \
    supplier survey task ticket vendor warehouse
    """.split(separator: " ").map(String.init)
}

extension String {
  /// FNV-1a: a hash that is the same in every run (Swift's `hashValue` is seeded).
  fileprivate var hashValueStable: UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    return hash
  }
}
