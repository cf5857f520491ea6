import Foundation
import SolpackModel
import SolpackTestSupport
import Testing

@testable import SolpackArchive

/// The canonical form on the corpus: an archive and a shuffled copy of it (another
/// entry order, line ends, BOM, attribute order, collection order, JSON key order)
/// unpack with `canonical: true` to the same bytes, and that tree packs back.
@Suite struct CanonicalCorpusTests {
  static let archives = Corpus.files(withSuffix: ".zip")

  @Test func corpusIsPresent() {
    guard Corpus.root != nil else {
      print(Corpus.skipMessage("CanonicalCorpusTests"))
      return
    }
    #expect(!Self.archives.isEmpty)
  }

  @Test(arguments: archives, [1, 0x5EED_CAFE] as [UInt64])
  func shuffledCopyUnpacksToTheSameTree(_ archive: URL, seed: UInt64) throws {
    let folder = TestFolder()
    let shuffled = folder.path("shuffled.zip")
    try ArchiveShuffler.shuffle(archive, to: shuffled, seed: seed)
    // The copy really looks different: a plain unpack sees it.
    _ = try Unpacker.unpack(ArchiveSource(url: archive), to: folder.path("plain-original"))
    _ = try Unpacker.unpack(ArchiveSource(url: shuffled), to: folder.path("plain-shuffled"))
    #expect(
      try TestFolder.contents(of: folder.path("plain-original"))
        != TestFolder.contents(of: folder.path("plain-shuffled")))

    _ = try Unpacker.unpack(
      ArchiveSource(url: archive), to: folder.path("original"), canonical: true)
    _ = try Unpacker.unpack(
      ArchiveSource(url: shuffled), to: folder.path("shuffled"), canonical: true)
    let original = try TestFolder.contents(of: folder.path("original"))
    let copy = try TestFolder.contents(of: folder.path("shuffled"))
    #expect(original.keys.sorted() == copy.keys.sorted())
    for (path, data) in original.sorted(by: { $0.key < $1.key }) where copy[path] != data {
      Issue.record("\(archive.lastPathComponent) seed \(seed): \(path) differs")
    }
  }

  @Test(arguments: archives)
  func canonicalTreePacksToTheSameSolution(_ archive: URL) throws {
    let folder = TestFolder()
    let tree = folder.path("tree")
    _ = try Unpacker.unpack(ArchiveSource(url: archive), to: tree, canonical: true)
    let files = try TestFolder.contents(of: tree)
    for (path, data) in files where path.hasSuffix(".xml") || path.hasSuffix(".json") {
      #expect(!data.starts(with: [0xEF, 0xBB, 0xBF]), "\(path) has a BOM")
      #expect(!data.contains(0x0D), "\(path) has a carriage return")
    }

    let packed = folder.path("packed.zip")
    _ = try Packer.pack(SolutionSources.open(tree), to: packed)
    let before = try SolutionReader.read(ArchiveSource(url: archive)).solution
    let after = try SolutionReader.read(ArchiveSource(url: packed)).solution
    #expect(Set(after.workflows.map(\.id)) == Set(before.workflows.map(\.id)))
    #expect(
      Set(after.connectionReferences.map(\.logicalName))
        == Set(before.connectionReferences.map(\.logicalName)))
    #expect(
      Set(after.environmentVariables.map(\.schemaName))
        == Set(before.environmentVariables.map(\.schemaName)))
    #expect(after.manifest.uniqueName == before.manifest.uniqueName)
    #expect(after.manifest.version == before.manifest.version)
    #expect(after.manifest.rootComponents.count == before.manifest.rootComponents.count)

    _ = try Unpacker.unpack(ArchiveSource(url: packed), to: folder.path("again"), canonical: true)
    #expect(try TestFolder.contents(of: folder.path("again")) == files)
  }
}

/// Files that do not parse are written as they are: unpack never fails on them.
@Suite struct CanonicalUnpackTests {
  @Test func unparsableFilesAreCopied() throws {
    let folder = TestFolder()
    let tree = folder.path("tree")
    try FileManager.default.copyItem(
      at: Corpus.packageRoot.appendingPathComponent("samples/InvoiceFlows"), to: tree)
    let broken = ["Notes/broken.json": "{ \"a\": \r\n", "Notes/broken.xml": "<a>\r\n<b>"]
    try FileManager.default.createDirectory(
      at: tree.appendingPathComponent("Notes"), withIntermediateDirectories: true)
    for (path, text) in broken { try Data(text.utf8).write(to: tree.appendingPathComponent(path)) }
    let out = folder.path("out")
    _ = try Unpacker.unpack(SolutionSources.open(tree), to: out, canonical: true)
    for (path, text) in broken {
      #expect(try Data(contentsOf: out.appendingPathComponent(path)) == Data(text.utf8))
    }
    let solution = try Data(contentsOf: out.appendingPathComponent("Other/Solution.xml"))
    #expect(solution.starts(with: Data("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n".utf8)))
  }
}

/// `Canonical` on small documents: what it ignores and what it keeps.
@Suite struct CanonicalFormTests {
  func xml(_ text: String) throws -> String {
    String(decoding: try Canonical.xmlData(Data(text.utf8), entry: "t.xml"), as: UTF8.self)
  }

  @Test func writesTheDocumentedStyle() throws {
    let text = "\u{FEFF}<?xml version=\"1.0\"?>\r\n<a y=\"2\" x=\"1\">\r\n<b></b><!-- c --></a>"
    #expect(
      try xml(text)
        == "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<a x=\"1\" y=\"2\">\n  <b />\n</a>")
  }

  @Test func attributeOrderIsIgnored() throws {
    #expect(
      try xml("<a x=\"1\" y=\"2\" xmlns:xsi=\"n\" />")
        == xml("<a y=\"2\" xmlns:xsi=\"n\" x=\"1\" />"))
  }

  @Test func emptyPairAndSelfClosingAreOne() throws {
    #expect(try xml("<a><X></X></a>") == xml("<a><X /></a>"))
    // Whitespace alone is text, not emptiness.
    #expect(try xml("<a><X> </X></a>").contains("<X> </X>"))
  }

  @Test func prologAndLineEndsAreIgnored() throws {
    let dataverse =
      "\u{FEFF}<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<a>\r\n  <b>t</b>\r\n</a>"
    #expect(try xml(dataverse) == xml("<a><b>t</b></a>"))
    #expect(try xml("<a><b>one\r\ntwo</b></a>") == xml("<a><b>one\ntwo</b></a>"))
  }

  @Test func rootComponentsOrderIsIgnored() throws {
    let first = """
      <SolutionManifest><RootComponents><RootComponent type="29" id="{b}" />\
      <RootComponent type="1" schemaName="account" /></RootComponents></SolutionManifest>
      """
    let second = """
      <SolutionManifest><RootComponents><RootComponent schemaName="account" type="1" />\
      <RootComponent id="{b}" type="29" /></RootComponents></SolutionManifest>
      """
    #expect(try xml(first) == xml(second))
  }

  @Test func otherElementOrderIsKept() throws {
    // Handlers and form libraries run in element order; build-tools#152 warns against sorting.
    let ab = "<form><events><event name=\"a\"/><event name=\"b\"/></events></form>"
    let ba = "<form><events><event name=\"b\"/><event name=\"a\"/></events></form>"
    #expect(try xml(ab) != xml(ba))
    #expect(try xml(ab).contains("<event name=\"a\" />\n    <event name=\"b\" />"))
  }

  @Test func mixedContentIsKept() throws {
    #expect(try xml("<p>one <b>two</b> three</p>").hasSuffix("<p>one <b>two</b> three</p>"))
  }

  @Test func jsonKeyOrderIsIgnoredButArrayOrderKept() throws {
    let first = try Canonical.json(Data(#"{"b":1,"a":{"d":"x/y","c":[3,1]}}"#.utf8))
    let second = try Canonical.json(
      Data("{\r\n  \"a\": {\"c\": [3, 1], \"d\": \"x\\/y\"},\r\n  \"b\": 1\r\n}".utf8))
    #expect(first == second)
    // JSONSerialization's pretty style: two spaces, `" : "`, one value per line.
    let expected = """
      {
        "a" : {
          "c" : [
            3,
            1
          ],
          "d" : "x/y"
        },
        "b" : 1
      }

      """
    #expect(String(decoding: first, as: UTF8.self) == expected)
    #expect(try Canonical.json(Data(#"[1,3]"#.utf8)) != Canonical.json(Data(#"[3,1]"#.utf8)))
  }
}

extension CanonicalFormTests {
  @Test func emptyJSONContainersStayOnOneLine() throws {
    let data = try Canonical.json(Data(#"{"a":{},"b":[],"c":"{\n}","d":"[ ]"}"#.utf8))
    let expected = """
      {
        "a" : {},
        "b" : [],
        "c" : "{\\n}",
        "d" : "[ ]"
      }

      """
    #expect(String(decoding: data, as: UTF8.self) == expected)
    #expect(try Canonical.json(Data("{}".utf8)) == Data("{}\n".utf8))
  }
}
