import Foundation
import SolpackTestSupport
import Testing

/// Exit codes and diagnostics: 0 ok, 1 refused or failed, 64 usage.
@Suite struct ErrorsEndToEndTests {
  @Test func usageErrorExits64() throws {
    let run = try SolpackBinary.run(["pack", "only-one-argument"])
    #expect(run.status == 64)
    #expect(run.stderr.contains("Missing expected argument"))
    let format = try SolpackBinary.run(["inspect", "samples/InvoiceFlows", "--format", "yaml"])
    #expect(format.status == 64)
  }

  @Test func missingInputExits1WithHint() throws {
    let run = try SolpackBinary.run(["inspect", "no/such/thing.zip"])
    #expect(run.status == 1)
    #expect(run.stdout == "")
    #expect(run.stderr.contains("error: [input-not-found]"))
    #expect(run.stderr.contains("hint: "))
  }

  /// The maker portal's "flow package" is not a solution; say so plainly.
  @Test func flowPackageIsNotASolution() throws {
    let folder = TestFolder()
    let zip = "/usr/bin/zip"
    guard FileManager.default.isExecutableFile(atPath: zip) else {
      print("SKIP flowPackageIsNotASolution: /usr/bin/zip not found")
      return
    }
    try FileManager.default.createDirectory(
      atPath: folder.path("pkg/Microsoft.Flow").path, withIntermediateDirectories: true)
    try Data("{}".utf8).write(to: folder.path("pkg/manifest.json"))
    try Data("{}".utf8).write(
      to: folder.path("pkg/Microsoft.Flow/definition.json"))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: zip)
    process.arguments = ["-q", "-r", folder.path("flow.zip").path, "."]
    process.currentDirectoryURL = folder.path("pkg")
    try process.run()
    process.waitUntilExit()
    let run = try SolpackBinary.run(["inspect", folder.path("flow.zip").path])
    #expect(run.status == 1)
    #expect(run.stderr.contains("flow.zip:solution.xml: error: [required-entry-missing]"))
    #expect(run.stderr.contains("solution.xml, customizations.xml and [Content_Types].xml"))
  }

  @Test func notAZipExits1() throws {
    let folder = TestFolder()
    try Data("hello".utf8).write(to: folder.path("x.zip"))
    let run = try SolpackBinary.run(["unpack", folder.path("x.zip").path, folder.path("out").path])
    #expect(run.status == 1)
    #expect(run.stderr.contains("error: [zip-not-an-archive]"))
    #expect(!FileManager.default.fileExists(atPath: folder.path("out").path))
  }

  @Test func brokenFlowReferenceIsAnErrorThatNamesTheFlow() throws {
    let folder = TestFolder()
    let (tree, body) = try SolpackBinary.invoiceFlowsCopy(in: folder.url)
    try FileManager.default.removeItem(at: tree.appendingPathComponent("Workflows/\(body)"))
    let run = try SolpackBinary.run(["pack", tree.path, folder.path("out.zip").path])
    #expect(run.status == 1)
    #expect(
      run.stderr.contains(
        "error: [flow-definition-missing] cloud flow \"Process Invoices\" names Workflows/\(body)"))
    #expect(!FileManager.default.fileExists(atPath: folder.path("out.zip").path))
  }

  /// The zip-bomb limits can be set per run; an archive past them is refused.
  @Test func archiveOverTheSizeLimitIsRefused() throws {
    let folder = TestFolder()
    let archive = folder.path("c.zip").path
    #expect(try SolpackBinary.run(["pack", "samples/InvoiceFlows", archive]).status == 0)
    let run = try SolpackBinary.run([
      "unpack", archive, folder.path("out").path, "--max-total-mib", "0",
    ])
    #expect(run.status == 1)
    #expect(run.stderr.contains("error: [zip-total-too-large]"))
    #expect(!FileManager.default.fileExists(atPath: folder.path("out").path))
  }
}
