import Foundation
import SolpackModel
import SolpackTestSupport
import Testing

@testable import SolpackArchive

/// The proof on real archives (issue: "Proof on real archives"), over every archive
/// and unpacked solution in ../shared/corpus.
@Suite struct CorpusRoundTripTests {
  static let archives = Corpus.files(withSuffix: ".zip")
  /// Unpacked trees (Other/Solution.xml) and extracted archives (solution.xml).
  static let folders: [URL] = {
    (Corpus.files(named: "Solution.xml").filter { $0.path.hasSuffix("/Other/Solution.xml") }
      .map { $0.deletingLastPathComponent().deletingLastPathComponent() })
      + Corpus.files(named: "solution.xml").map { $0.deletingLastPathComponent() }
  }()

  @Test func corpusIsPresent() {
    guard Corpus.root != nil else {
      print(Corpus.skipMessage("CorpusRoundTripTests"))
      return
    }
    #expect(Self.archives.count == 6)
    #expect(Self.folders.count == 5)
  }

  /// 1. read → write → read: equal model, every entry present, identical bytes.
  @Test(arguments: archives) func archiveReadWriteRead(_ archive: URL) throws {
    let folder = TestFolder()
    let source = try ArchiveSource(url: archive)
    let first = try SolutionReader.read(source)
    let copy = folder.path("copy.zip")
    _ = try Packer.pack(source, to: copy)
    let written = try ArchiveSource(url: copy)
    let second = try SolutionReader.read(written)
    #expect(second.solution == first.solution)
    #expect(written.entries.map(\.path) == source.entries.map(\.path))
    for entry in source.entries {
      #expect(try written.read(entry.path) == source.read(entry.path), "\(entry.path) changed")
    }
  }

  /// 2. unpack → pack → unpack gives identical trees; 3. packing twice is byte-identical.
  @Test(arguments: archives) func archiveUnpackPackUnpack(_ archive: URL) throws {
    let folder = TestFolder()
    let first = try Unpacker.unpack(ArchiveSource(url: archive), to: folder.path("one"))
    let packed = folder.path("packed.zip")
    _ = try Packer.pack(SolutionSources.open(folder.path("one")), to: packed)
    let second = try Unpacker.unpack(ArchiveSource(url: packed), to: folder.path("two"))
    #expect(
      try TestFolder.contents(of: folder.path("one")) == TestFolder.contents(of: folder.path("two"))
    )
    #expect(first.solution.workflows.count == second.solution.workflows.count)
    let again = folder.path("again.zip")
    _ = try Packer.pack(SolutionSources.open(folder.path("one")), to: again)
    #expect(try Data(contentsOf: packed) == Data(contentsOf: again))
    // The re-packed archive has the same model as the original, bar entry order.
    let original = try SolutionReader.read(ArchiveSource(url: archive)).solution
    let repacked = try SolutionReader.read(ArchiveSource(url: packed)).solution
    #expect(repacked.manifest == original.manifest)
    #expect(Set(repacked.workflows.map(\.id)) == Set(original.workflows.map(\.id)))
    #expect(repacked.connectionReferences.count == original.connectionReferences.count)
    #expect(repacked.environmentVariables.count == original.environmentVariables.count)
    #expect(Set(repacked.parts.map(\.path)) == Set(original.parts.map(\.path)))
  }

  /// 4. Every unpacked solution packs, twice identically, and the archive holds all of
  /// its flows, connection references and env vars (counted from the files).
  @Test(arguments: folders) func folderPacks(_ tree: URL) throws {
    let folder = TestFolder()
    let archive = folder.path("out.zip")
    _ = try Packer.pack(SolutionSources.open(tree), to: archive)
    let again = folder.path("again.zip")
    _ = try Packer.pack(SolutionSources.open(tree), to: again)
    #expect(try Data(contentsOf: archive) == Data(contentsOf: again))

    let expected = try ExpectedCounts(tree.path)
    let solution = try SolutionReader.read(ArchiveSource(url: archive)).solution
    #expect(solution.workflows.count == expected.workflows)
    #expect(solution.connectionReferences.count == expected.connectionReferences)
    #expect(solution.environmentVariables.count == expected.environmentVariables)
    #expect(
      solution.workflows.allSatisfy {
        $0.definitionPath.map(solution.parts.map(\.path).contains) ?? true
      })

    let unpacked = folder.path("tree")
    _ = try Unpacker.unpack(ArchiveSource(url: archive), to: unpacked)
    _ = try Packer.pack(SolutionSources.open(unpacked), to: folder.path("round.zip"))
    _ = try Unpacker.unpack(ArchiveSource(url: folder.path("round.zip")), to: folder.path("tree2"))
    #expect(try TestFolder.contents(of: unpacked) == TestFolder.contents(of: folder.path("tree2")))
  }

  /// An unpacked folder hands the reader the customizations tree it built instead of
  /// having it parsed again: it must be exactly what `.essentials` parsing of the
  /// written bytes gives.
  @Test(arguments: archives + folders) func reinlinedTreeIsWhatTheBytesParseTo(_ input: URL)
    throws
  {
    let folder = TestFolder()
    var tree = input
    if input.pathExtension == "zip" {
      tree = folder.path("tree")
      _ = try Unpacker.unpack(ArchiveSource(url: input), to: tree)
    }
    let source = try SolutionSources.open(tree)
    guard FileManager.default.fileExists(atPath: tree.appendingPathComponent("Other").path) else {
      #expect(source.essentialCustomizations == nil)  // an extracted archive: bytes only
      return
    }
    let built = try #require(source.essentialCustomizations)
    let bytes = try source.read("customizations.xml")
    #expect(
      built
        == (try XMLReader.parse(
          bytes, entry: "customizations.xml", condense: CustomizationsCodec.essentials)))
    // Written a workflow at a time, the bytes are still what the writer makes of them whole.
    #expect(XMLWriter.data(try XMLReader.parse(bytes, entry: "customizations.xml")) == bytes)
  }

  /// `.essentials` keeps every part of the model but the workflows' other metadata.
  @Test(arguments: archives) func essentialsReadTheSameModel(_ archive: URL) throws {
    let source = try ArchiveSource(url: archive)
    let whole = try SolutionReader.read(source)
    let essentials = try SolutionReader.read(source, metadata: .essentials)
    var expected = whole.solution
    expected.workflows = expected.workflows.map {
      var workflow = $0
      workflow.element = CustomizationsCodec.essentials.transform(workflow.element)
      return workflow
    }
    #expect(essentials.solution == expected)
    #expect(essentials.diagnostics == whole.diagnostics)
    #expect(
      essentials.solution.workflows.map(\.element.children.count).reduce(0, +)
        < whole.solution.workflows.map(\.element.children.count).reduce(0, +))
  }

  /// pac packed PNP's hide-folders source into the zip beside it: packing the same
  /// source gives its customizations.xml byte for byte.
  @Test func packMatchesPacOutput() throws {
    guard let root = Corpus.root else {
      print(Corpus.skipMessage("packMatchesPacOutput"))
      return
    }
    let sample = root.appendingPathComponent(
      "pnp__powerautomate-samples/samples/sharepoint-hide-folders-in-library-view")
    let folder = TestFolder()
    _ = try Packer.pack(
      SolutionSources.open(sample.appendingPathComponent("sourcecode/src")),
      to: folder.path("out.zip"))
    let ours = try ArchiveSource(url: folder.path("out.zip"))
    let pac = try ArchiveSource(
      url: sample.appendingPathComponent("solution/sharepoint-hide-folders-in-library-view.zip"))
    #expect(try ours.read("customizations.xml") == pac.read("customizations.xml"))
    #expect(Set(ours.entries.map(\.path)) == Set(pac.entries.map(\.path)))
  }

  /// Regression: the portal's connection reference needs core's custom connector by id;
  /// MissingDependencies names it with id and schemaName, and the id must win.
  @Test func portalNeedsCoreCustomConnector() throws {
    guard let root = Corpus.root else {
      print(Corpus.skipMessage("portalNeedsCoreCustomConnector"))
      return
    }
    let portal = root.appendingPathComponent(
      "microsoft__contoso-real-estate-power-platform/src/portal/solution/ContosoRealEstatePortal/src"
    )
    let solution = try SolutionReader.read(SolutionSources.open(portal)).solution
    let connector = try #require(
      solution.externalRequirements.first { $0.required.kind == .customConnector })
    #expect(connector.required.name == "40698eb9-0663-43a9-ac72-9ef1a635570b")
    #expect(connector.dependent == ComponentReference(.connectionReference, "contoso_StripeAPI"))
    #expect(connector.expectedSolution == "ContosoRealEstateCore (1.0.40.0)")
    #expect(connector.requiredDisplayName == "Contoso Stripe API")
  }
}
