import Foundation

/// Counts taken from the files with unzip and text search, not through solpack.
public struct ExpectedCounts {
  public var entries = 0
  public var workflows = 0
  public var connectionReferences = 0
  public var environmentVariables = 0

  public init(_ path: String) throws {
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

  public static func shell(_ tool: String, _ arguments: [String]) throws -> String {
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
