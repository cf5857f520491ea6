import Foundation
import SolpackTestSupport
import Testing

/// The README quick start, run with the real binary on samples/.
@Suite struct SamplesEndToEndTests {
  @Test func packThenInspectCredentialsCore() throws {
    let folder = TestFolder()
    let archive = folder.path("CredentialsCore.zip").path
    let pack = try SolpackBinary.run(["pack", "samples/CredentialsCore", archive])
    #expect(pack.status == 0)
    #expect(pack.stderr == "")
    #expect(
      pack.stdout.hasPrefix("Packed CredentialsCore 1.0.0.0 (unmanaged) → \(archive): 8 entries"))
    let inspect = try SolpackBinary.run(["inspect", archive])
    #expect(inspect.status == 0)
    #expect(inspect.stderr == "")
    try assertGolden(inspect.stdout, named: "inspect-CredentialsCore.txt")
    // The Secret's Key Vault reference never reaches the output.
    #expect(!inspect.stdout.contains("/subscriptions/"))
  }

  @Test func inspectInvoiceFlowsAsJSON() throws {
    let run = try SolpackBinary.run(["inspect", "samples/InvoiceFlows", "--format", "json"])
    #expect(run.status == 0)
    #expect(run.stderr == "")
    try assertGolden(run.stdout, named: "inspect-InvoiceFlows.json")
    let report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    let external = report?["externalDependencies"] as? [[String: Any]] ?? []
    #expect(external.count == 3)
    #expect(
      external.allSatisfy { $0["expectedSolution"] as? String == "CredentialsCore (1.0.0.0)" })
  }

  @Test func inspectSecretValueNeverPrinted() throws {
    for format in ["text", "json"] {
      let run = try SolpackBinary.run(["inspect", "samples/CredentialsCore", "--format", format])
      #expect(run.status == 0)
      #expect(!run.stdout.contains("kv-contoso-automation"))
      #expect(!run.stdout.contains("invoice-portal-password"))
    }
  }

  @Test func unpackWritesSolutionPackagerLayoutAndPacksBackIdentically() throws {
    let folder = TestFolder()
    let first = folder.path("InvoiceFlows.zip").path
    #expect(try SolpackBinary.run(["pack", "samples/InvoiceFlows", first]).status == 0)
    let unpack = try SolpackBinary.run(["unpack", first, folder.path("tree").path])
    #expect(unpack.status == 0)
    #expect(unpack.stderr == "")
    let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path("tree").path)
      .sorted()
    #expect(files.contains("Other/Solution.xml"))
    #expect(files.contains("Other/Customizations.xml"))
    #expect(files.contains { $0.hasSuffix(".json.data.xml") })
    #expect(!FileManager.default.fileExists(atPath: folder.path("tree/solution.xml").path))
    let second = folder.path("again.zip").path
    #expect(try SolpackBinary.run(["pack", folder.path("tree").path, second]).status == 0)
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: first))
        == Data(contentsOf: URL(fileURLWithPath: second)))
    // No temporary folder is left beside the target.
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter {
      $0.hasPrefix(".")
    }
    #expect(leftovers.isEmpty)
  }

  @Test func unpackRefusesAnExistingFolderWithoutForce() throws {
    let folder = TestFolder()
    let archive = folder.path("c.zip").path
    #expect(try SolpackBinary.run(["pack", "samples/CredentialsCore", archive]).status == 0)
    try FileManager.default.createDirectory(
      atPath: folder.path("out").path, withIntermediateDirectories: true)
    try Data("keep".utf8).write(to: folder.path("out/mine.txt"))
    let refused = try SolpackBinary.run(["unpack", archive, folder.path("out").path])
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("error: [target-exists]"))
    #expect(refused.stderr.contains("hint: "))
    #expect(FileManager.default.fileExists(atPath: folder.path("out/mine.txt").path))
    let forced = try SolpackBinary.run(["unpack", archive, folder.path("out").path, "--force"])
    #expect(forced.status == 0)
    #expect(!FileManager.default.fileExists(atPath: folder.path("out/mine.txt").path))
    #expect(FileManager.default.fileExists(atPath: folder.path("out/Other/Solution.xml").path))
  }

  @Test func packagetypeManagedChangesOnlyManaged() throws {
    let folder = TestFolder()
    let run = try SolpackBinary.run([
      "pack", "samples/CredentialsCore", folder.path("m.zip").path, "--packagetype", "managed",
    ])
    #expect(run.status == 0)
    #expect(run.stdout.contains("(managed)"))
    let json = try SolpackBinary.run(["inspect", folder.path("m.zip").path, "--format", "json"])
    #expect(json.stdout.contains("\"managed\" : \"managed\""))
  }

  @Test func sameFolderPacksToSameBytesAndEpochSetsTimestamp() throws {
    let folder = TestFolder()
    #expect(
      try SolpackBinary.run(["pack", "samples/InvoiceFlows", folder.path("a.zip").path]).status == 0
    )
    #expect(
      try SolpackBinary.run(["pack", "samples/InvoiceFlows", folder.path("b.zip").path]).status == 0
    )
    #expect(
      try SolpackBinary.run(
        ["pack", "samples/InvoiceFlows", folder.path("c.zip").path],
        environment: ["SOURCE_DATE_EPOCH": "1700000000"]
      ).status == 0)
    let a = try Data(contentsOf: folder.path("a.zip"))
    #expect(a == (try Data(contentsOf: folder.path("b.zip"))))
    let c = try Data(contentsOf: folder.path("c.zip"))
    #expect(a != c)
    #expect(a.count == c.count)
  }
}
