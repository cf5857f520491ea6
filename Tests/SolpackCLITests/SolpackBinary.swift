import Foundation
import Testing

/// Runs the built `solpack` executable, as a user would.
struct SolpackBinary {
  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// A copy of samples/InvoiceFlows under `folder`/tree, and the file name of its
  /// "Process Invoices" flow JSON, for tests that break that flow.
  static func invoiceFlowsCopy(in folder: URL) throws -> (tree: URL, flowFile: String) {
    let tree = folder.appendingPathComponent("tree")
    try FileManager.default.copyItem(
      at: packageRoot.appendingPathComponent("samples/InvoiceFlows"), to: tree)
    let flows = try FileManager.default.contentsOfDirectory(
      atPath: tree.appendingPathComponent("Workflows").path)
    let flow = try #require(
      flows.first { $0.hasPrefix("ProcessInvoices") && $0.hasSuffix(".json") })
    return (tree, flow)
  }

  /// `swift test` builds the executable next to the test bundle.
  static let url: URL? = {
    var candidates: [URL] = []
    if let argument = CommandLine.arguments.first {
      var folder = URL(fileURLWithPath: argument).deletingLastPathComponent()
      for _ in 0..<4 {
        candidates.append(folder.appendingPathComponent("solpack"))
        folder = folder.deletingLastPathComponent()
      }
    }
    candidates.append(packageRoot.appendingPathComponent(".build/debug/solpack"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }()

  static func run(
    _ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:],
    input: Data? = nil
  ) throws -> Run {
    let binary = try #require(url, "the solpack executable was not built")
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = folder ?? packageRoot
    var env = ProcessInfo.processInfo.environment
    env["SOURCE_DATE_EPOCH"] = nil
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let stdin = Pipe()
    process.standardInput = input == nil ? FileHandle.nullDevice : stdin
    try process.run()
    if let input {
      stdin.fileHandleForWriting.write(input)
      try stdin.fileHandleForWriting.close()
    }
    // Read both pipes before waiting so a full pipe cannot stall the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}

/// Compares `actual` with `Goldens/<name>`; records it when missing or when
/// RECORD_GOLDENS=1 (and fails that run, so a recording is never taken for a pass).
func assertGolden(
  _ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let url = SolpackBinary.packageRoot.appendingPathComponent(
    "Tests/SolpackCLITests/Goldens/\(name)")
  let record = ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1"
  if record || !FileManager.default.fileExists(atPath: url.path) {
    if ProcessInfo.processInfo.environment["CI"] == "true" {
      Issue.record(
        "golden \(name) is missing; record it locally with RECORD_GOLDENS=1",
        sourceLocation: sourceLocation)
      return
    }
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(actual.utf8).write(to: url)
    Issue.record("recorded golden \(name); run the tests again", sourceLocation: sourceLocation)
    return
  }
  let expected = String(decoding: try Data(contentsOf: url), as: UTF8.self)
  #expect(actual == expected, "output differs from Goldens/\(name)", sourceLocation: sourceLocation)
}

/// A `solpack` process running in the background, its output going to files, so
/// tests can run several at once or kill one.
final class SolpackProcess {
  let process = Process()
  let outputURL: URL
  let errorURL: URL

  init(
    _ arguments: [String], in folder: URL, environment: [String: String] = [:], outputs: URL
  ) throws {
    let binary = try #require(SolpackBinary.url, "the solpack executable was not built")
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = folder
    var env = ProcessInfo.processInfo.environment
    env["SOURCE_DATE_EPOCH"] = nil
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let name = UUID().uuidString.prefix(8)
    outputURL = outputs.appendingPathComponent("\(name).out")
    errorURL = outputs.appendingPathComponent("\(name).err")
    _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: outputURL)
    process.standardError = try FileHandle(forWritingTo: errorURL)
    process.standardInput = FileHandle.nullDevice
    try process.run()
  }

  /// SIGKILL, as the out-of-memory killer or a cancelled CI job would.
  func kill() {
    if process.isRunning { _ = Foundation.kill(process.processIdentifier, SIGKILL) }
  }

  func wait() -> SolpackBinary.Run {
    process.waitUntilExit()
    let out = (try? Data(contentsOf: outputURL)) ?? Data()
    let err = (try? Data(contentsOf: errorURL)) ?? Data()
    return SolpackBinary.Run(
      status: process.terminationReason == .uncaughtSignal
        ? -process.terminationStatus
        : process.terminationStatus,
      stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
  }
}
