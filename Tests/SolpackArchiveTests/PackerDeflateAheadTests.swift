import Foundation
import SolpackModel
import SolpackTestSupport
import Testing

@testable import SolpackArchive

/// `Packer.pack(folder:)` deflates files ahead while it prepares the archive.
extension DeflateAheadTests {
  static let packOptions = Packer.Options(
    zip: ZipWriter.Options(compressionLevel: 6, timestamp: DOSDateTime.epoch, concurrency: 2))

  /// Both sample layouts (unpacked, extracted), with `--packagetype` rewriting solution.xml.
  @Test(arguments: [ManagedState?.none, .managed])
  func packingAFolderWritesWhatPackingItsSourceWrites(_ managed: ManagedState?) throws {
    let folder = TestFolder()
    let synthetic = folder.path("synthetic")
    try SyntheticSolution(name: "Ahead", flows: 40, flowBytes: 30_000, variables: 3)
      .write(to: synthetic)
    var options = Self.packOptions
    options.managed = managed
    for tree in [Samples.root.appendingPathComponent("InvoiceFlows"), synthetic] {
      let plain = folder.path("plain.zip")
      let ahead = folder.path("ahead.zip")
      _ = try Packer.pack(try SolutionSources.open(tree), to: plain, options: options)
      let result = try Packer.pack(folder: tree, to: ahead, options: options)
      #expect(try Data(contentsOf: ahead) == Data(contentsOf: plain), "\(tree.lastPathComponent)")
      #expect(result.entryCount > 3)
      #expect(DeflateAhead.runningWorkers == 0)
    }
  }

  /// A Secret env var's plain value is redacted by replacing its values file: what was
  /// deflated ahead from the file on disk must not reach the archive.
  @Test func aRedactedValuesFileIsNotTakenFromAhead() throws {
    let folder = TestFolder()
    let values =
      "environmentvariabledefinitions/contoso_InvoicePortalPassword/environmentvariablevalues.json"
    let tree = try Samples.copy(
      "CredentialsCore", into: folder,
      editing: [
        values: {
          $0.replacingOccurrences(
            of: #"/subscriptions/[^"]*"#, with: "hunter2", options: .regularExpression)
        }
      ])
    let url = URL(fileURLWithPath: tree)
    #expect(
      try String(decoding: Data(contentsOf: url.appendingPathComponent(values)), as: UTF8.self)
        .contains("hunter2"))
    let source = try #require(
      try SolutionSources.open(url, deflateAhead: 6) as? FolderSource)
    let ahead = try #require(source.ahead)
    ahead.waitForWorker()
    #expect(ahead.deflatedPaths.contains(values))
    let archive = folder.path("ahead.zip")
    let result = try Packer.pack(source, to: archive, options: Self.packOptions)
    #expect(result.diagnostics.contains { $0.id == "secret-value-removed" })
    let packed = try ArchiveSource(url: archive).read(values)
    #expect(!String(decoding: packed, as: UTF8.self).contains("hunter2"))
    let plain = folder.path("plain.zip")
    _ = try Packer.pack(try SolutionSources.open(url), to: plain, options: Self.packOptions)
    #expect(try Data(contentsOf: archive) == Data(contentsOf: plain))
    #expect(ahead.deflatedPaths.isEmpty)
  }

  /// Failing while the folder is read (a workflow id twice) or after (solution.xml
  /// broken): no archive, and no worker left deflating.
  @Test(arguments: ["duplicate-workflow", "broken-manifest"])
  func aFailedPackLeavesNoArchiveAndNoWorker(_ failure: String) throws {
    let folder = TestFolder()
    let synthetic = folder.path("synthetic")
    try SyntheticSolution(name: "Broken", flows: 30, flowBytes: 50_000).write(to: synthetic)
    let unpacked = folder.path("unpacked")
    let archive = folder.path("source.zip")
    _ = try Packer.pack(folder: synthetic, to: archive, options: Self.packOptions)
    _ = try Unpacker.unpack(ArchiveSource(url: archive), to: unpacked)
    let workflows = try FileManager.default.contentsOfDirectory(
      atPath: unpacked.appendingPathComponent("Workflows").path)
    if failure == "duplicate-workflow" {
      let metadata = try #require(workflows.first { $0.hasSuffix(".data.xml") })
      try FileManager.default.copyItem(
        at: unpacked.appendingPathComponent("Workflows/\(metadata)"),
        to: unpacked.appendingPathComponent("Workflows/Copy.json.data.xml"))
    } else {
      try Data("<ImportExportXml><SolutionManifest>".utf8).write(
        to: unpacked.appendingPathComponent("Other/Solution.xml"))
    }
    let output = folder.path("out.zip")
    #expect(throws: DiagnosticError.self) {
      try Packer.pack(folder: unpacked, to: output, options: Self.packOptions)
    }
    #expect(!FileManager.default.fileExists(atPath: output.path))
    #expect(DeflateAhead.runningWorkers == 0)
  }
}
