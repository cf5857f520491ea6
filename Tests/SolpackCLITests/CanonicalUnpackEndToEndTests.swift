import Foundation
import SolpackTestSupport
import Testing

/// `solpack unpack --canonical` with the real binary on samples/InvoiceFlows.
@Suite struct CanonicalUnpackEndToEndTests {
  @Test func canonicalUnpackWritesLFWithoutBOM() throws {
    let folder = TestFolder()
    let archive = folder.path("InvoiceFlows.zip").path
    #expect(try SolpackBinary.run(["pack", "samples/InvoiceFlows", archive]).status == 0)
    let out = folder.path("out")
    let run = try SolpackBinary.run(["unpack", archive, out.path, "--canonical"])
    #expect(run.status == 0)
    #expect(run.stderr == "")
    #expect(run.stdout.hasPrefix("Unpacked InvoiceFlows 1.0.0.0 (unmanaged) → \(out.path): "))
    let files = try TestFolder.contents(of: out)
    #expect(files["Other/Solution.xml"] != nil)
    #expect(files.keys.contains { $0.hasSuffix(".json.data.xml") })
    for (path, data) in files {
      #expect(!data.starts(with: [0xEF, 0xBB, 0xBF]), "\(path) starts with a BOM")
      #expect(!data.contains(0x0D), "\(path) has a carriage return")
    }
    let solution = String(decoding: files["Other/Solution.xml"] ?? Data(), as: UTF8.self)
    #expect(solution.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ImportExportXml"))

    // The same archive unpacked again gives the same bytes, and the tree packs.
    let again = try SolpackBinary.run(["unpack", archive, out.path, "--canonical", "--force"])
    #expect(again.status == 0)
    #expect(try TestFolder.contents(of: out) == files)
    let packed = folder.path("again.zip").path
    #expect(try SolpackBinary.run(["pack", out.path, packed]).status == 0)
  }
}
