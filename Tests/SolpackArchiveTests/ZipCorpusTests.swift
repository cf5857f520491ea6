import Foundation
import SolpackModel
import Testing

@testable import SolpackArchive

/// Real solution archives from ../shared/corpus: every entry of every zip must read with
/// its CRC intact, and our writer must reproduce the contents.
@Suite struct ZipCorpusTests {
  static func corpusZips(_ test: String) -> [URL]? {
    guard let root = ZipFixtures.corpusRoot else {
      print("SKIP \(test): ../shared/corpus not found; corpus zip tests did not run")
      return nil
    }
    let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
    let zips = (enumerator?.compactMap { $0 as? URL } ?? [])
      .filter { $0.pathExtension.lowercased() == "zip" }
      .sorted { $0.path < $1.path }
    if zips.isEmpty { print("SKIP \(test): no .zip files under ../shared/corpus") }
    return zips
  }

  @Test func readsEveryEntryOfEveryCorpusArchive() throws {
    guard let zips = Self.corpusZips("readsEveryEntryOfEveryCorpusArchive") else { return }
    var entryCount = 0
    for url in zips {
      let reader = try ZipReader(url: url)
      #expect(!reader.entries.isEmpty, "\(url.lastPathComponent)")
      #expect(reader.entry(named: "solution.xml") != nil, "\(url.lastPathComponent)")
      for entry in reader.entries {
        let data = try reader.read(entry)  // throws on CRC or size mismatch
        #expect(UInt64(data.count) == entry.uncompressedSize)
        #expect(CRC32.checksum(data) == entry.crc32)
        entryCount += 1
      }
    }
    #expect(entryCount > 0)
  }

  @Test func rewritesCorpusArchivesLosslessly() throws {
    guard let zips = Self.corpusZips("rewritesCorpusArchivesLosslessly") else { return }
    try ZipFixtures.withTemporaryDirectory { folder in
      for (index, url) in zips.enumerated() {
        let reader = try ZipReader(url: url)
        let items = try reader.entries.filter { !$0.isDirectory }.map {
          ZipWriter.Item(path: $0.path, source: .data(try reader.read($0)))
        }
        let copy = folder.appendingPathComponent("copy\(index).zip")
        try ZipWriter.write(items, to: copy, options: ZipWriterTests.options())
        let again = try ZipReader(url: copy)
        #expect(again.entries.map(\.path) == items.map(\.path))
        for (item, entry) in zip(items, again.entries) {
          #expect(try again.read(entry) == ZipWriterTests.content(of: item))
        }
      }
    }
  }
}
