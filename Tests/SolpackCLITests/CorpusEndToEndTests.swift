import Foundation
import Testing

/// 5. `solpack inspect` on every corpus archive and unpacked solution: the counts it
/// reports match the files.
@Suite struct CorpusEndToEndTests {
  static let corpus: URL? = {
    let url = SolpackBinary.packageRoot.deletingLastPathComponent().appendingPathComponent(
      "shared/corpus")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
  }()

  static let inputs: [String] = {
    guard let corpus,
      let all = FileManager.default.enumerator(atPath: corpus.path)?.allObjects as? [String]
    else { return [] }
    let zips = all.filter { $0.hasSuffix(".zip") }
    let unpacked = all.filter { $0.hasSuffix("/Other/Solution.xml") }.map {
      String($0.dropLast("/Other/Solution.xml".count))
    }
    let extracted = all.filter { $0.hasSuffix("/solution.xml") }.map {
      String($0.dropLast("/solution.xml".count))
    }
    return (zips + unpacked + extracted).sorted().map { corpus.appendingPathComponent($0).path }
  }()

  @Test func corpusFound() {
    if Self.corpus == nil { print("SKIP CorpusEndToEndTests: ../shared/corpus not found") }
    #expect(Self.corpus == nil || Self.inputs.count == 11)
  }

  @Test(arguments: inputs) func inspectCountsMatchFiles(_ path: String) throws {
    let run = try SolpackBinary.run(["inspect", path, "--format", "json"])
    #expect(run.status == 0, "\(run.stderr)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let counts = try #require(report["counts"] as? [String: Int])
    let expected = try ExpectedCounts(path)
    #expect(counts["entries"] == expected.entries)
    #expect(
      (counts["cloudFlows"] ?? 0) + (counts["desktopFlows"] ?? 0) + (counts["otherWorkflows"] ?? 0)
        == expected.workflows)
    #expect(counts["connectionReferences"] == expected.connectionReferences)
    #expect(counts["environmentVariables"] == expected.environmentVariables)
    let text = try SolpackBinary.run(["inspect", path])
    #expect(text.status == 0)
    #expect(
      text.stdout.contains(
        "\(report["uniqueName"] as? String ?? "?")) \(report["version"] as? String ?? "?")"))
  }
}

/// Counts taken from the files with unzip and text search, not through solpack.
struct ExpectedCounts {
  var entries = 0
  var workflows = 0
  var connectionReferences = 0
  var environmentVariables = 0

  init(_ path: String) throws {
    var files: [String: String] = [:]
    if path.hasSuffix(".zip") {
      let listing = try Self.shell("/usr/bin/unzip", ["-Z1", path])
      for name in listing.split(separator: "\n").map(String.init) where !name.hasSuffix("/") {
        files[name] =
          name.hasSuffix(".xml") ? try Self.shell("/usr/bin/unzip", ["-p", path, name]) : ""
      }
    } else {
      let all = FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? []
      for name in all {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isDirectory)
        if !isDirectory.boolValue {
          files[name] =
            name.hasSuffix(".xml")
            ? (try? String(contentsOfFile: path + "/" + name, encoding: .utf8)) ?? "" : ""
        }
      }
    }
    let unpacked = files["Other/Customizations.xml"] != nil
    let customizations = files[unpacked ? "Other/Customizations.xml" : "customizations.xml"] ?? ""
    // Unpacked: metadata files become inline workflows, Connectors/ files Connector/ ones,
    // and a [Content_Types].xml is added.
    entries =
      unpacked
      ? files.keys.filter {
        !$0.hasSuffix(".data.xml") && !($0.hasPrefix("Connectors/") && $0.hasSuffix(".xml"))
      }.count + 1
      : files.count
    workflows =
      unpacked
      ? files.keys.filter { $0.hasPrefix("Workflows/") && $0.hasSuffix(".data.xml") }.count
      : customizations.components(separatedBy: "<Workflow WorkflowId=").count - 1
    connectionReferences =
      customizations.components(separatedBy: "<connectionreference connectionreferencelogicalname=")
      .count - 1
    environmentVariables =
      files.keys.filter { $0.hasSuffix("/environmentvariabledefinition.xml") }.count
      + customizations.components(separatedBy: "<SchemaName>").count - 1
  }

  static func shell(_ tool: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}
