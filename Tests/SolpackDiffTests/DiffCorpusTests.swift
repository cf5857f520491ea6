import Foundation
import SolpackArchive
import SolpackModel
import SolpackTestSupport
import Testing

@testable import SolpackDiff

/// On every corpus archive: the same archive with entries reordered, XML reformatted,
/// line ends and BOMs changed and unordered collections shuffled is no difference;
/// neither is the archive's own unpacked folder. A real edit is.
@Suite struct DiffCorpusTests {
  static let corpus: URL? = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
        "shared/corpus")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
  }()

  static let archives: [URL] = {
    guard let corpus,
      let all = FileManager.default.enumerator(at: corpus, includingPropertiesForKeys: nil)?
        .allObjects
        as? [URL]
    else { return [] }
    return all.filter { $0.pathExtension == "zip" }.sorted { $0.path < $1.path }
  }()

  @Test func corpusFound() {
    if Self.corpus == nil { print("SKIP DiffCorpusTests: ../shared/corpus not found") }
    #expect(Self.corpus == nil || Self.archives.count == 6)
  }

  @Test(arguments: archives) func shuffledCopyIsNoDifference(_ archive: URL) throws {
    let folder = TestFolder()
    for seed: UInt64 in [1, 2] {
      let shuffled = folder.path("shuffled-\(seed).zip")
      try ArchiveShuffler.shuffle(archive, to: shuffled, seed: seed)
      #expect(try Data(contentsOf: shuffled) != Data(contentsOf: archive))
      let report = try DiffEngine.diff(
        ArchiveSource(url: archive), ArchiveSource(url: shuffled), names: ("a", "b"))
      #expect(report.identical, "\(archive.lastPathComponent) seed \(seed): \(report.changes)")
    }
  }

  @Test(arguments: archives) func archiveAgainstItsUnpackedFolderIsNoDifference(_ archive: URL)
    throws
  {
    let folder = TestFolder()
    _ = try Unpacker.unpack(ArchiveSource(url: archive), to: folder.path("tree"))
    let report = try DiffEngine.diff(
      ArchiveSource(url: archive), SolutionSources.open(folder.path("tree")), names: ("a", "b"))
    #expect(report.identical, "\(archive.lastPathComponent): \(report.changes)")
  }

  /// The same comparison must see a real change: one flow's JSON edited.
  @Test(arguments: archives) func aChangedFlowIsADifference(_ archive: URL) throws {
    let folder = TestFolder()
    let source = try ArchiveSource(url: archive)
    let solution = try SolutionReader.read(source).solution
    // Every corpus archive has a cloud flow; a silent return here would pass untested.
    let flow = try #require(solution.cloudFlows.first)
    let path = try #require(flow.definitionPath)
    let items = try source.entries.map { entry -> ZipWriter.Item in
      var data = try source.read(entry.path)
      if entry.path == path {
        var object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        object["solpackTestEdit"] = true
        data = try JSONSerialization.data(withJSONObject: object)
      }
      return ZipWriter.Item(path: entry.path, source: .data(data))
    }
    let edited = folder.path("edited.zip")
    try ZipWriter.write(items, to: edited)
    let report = try DiffEngine.diff(source, ArchiveSource(url: edited), names: ("a", "b"))
    // The changed definition was compared while customizations.xml was parsed, and only it.
    let pair = try DiffEngine.Side.read(source, ArchiveSource(url: edited))
    #expect(Array(pair.compared.keys) == [path])
    #expect(report.changes.count == 1)
    #expect(report.changes.first?.key == flow.id)
    #expect(
      report.changes.first?.fields == [.init(path: "/solpackTestEdit", old: nil, new: "true")])
  }

  /// Equal customizations.xml bytes (CRC and size) are parsed once and shared by both
  /// sides; changed bytes are parsed on each side, and the same meaning is still no
  /// difference.
  @Test(arguments: archives) func equalCustomizationsAreParsedOnce(_ archive: URL) throws {
    let folder = TestFolder()
    let source = try ArchiveSource(url: archive)
    func copy(to url: URL, edit: (Data) -> Data) throws -> ArchiveSource {
      try ZipWriter.write(
        source.entries.map { entry in
          let data = try source.read(entry.path)
          return ZipWriter.Item(
            path: entry.path,
            source: .data(entry.path == "customizations.xml" ? edit(data) : data))
        }, to: url)
      return try ArchiveSource(url: url)
    }
    func storage(_ side: DiffEngine.Side) -> UnsafeRawPointer? {
      side.customizations.root.children.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }
    let same = try copy(to: folder.path("same.zip")) { $0 }
    let sameRead = try DiffEngine.Side.read(source, same)
    let (a, b) = (sameRead.left, sameRead.right)
    #expect(storage(a) != nil && storage(a) == storage(b))
    #expect(a.sharesCustomizations && b.sharesCustomizations)
    let reformatted = try copy(to: folder.path("changed.zip")) { $0 + Data("\n".utf8) }
    let changedRead = try DiffEngine.Side.read(source, reformatted)
    let (c, d) = (changedRead.left, changedRead.right)
    #expect(storage(c) != storage(d))
    #expect(!c.sharesCustomizations && !d.sharesCustomizations)
    #expect(try DiffEngine.diff(source, reformatted, names: ("a", "b")).identical)
  }
}
