import Foundation
import SolpackModel
import SolpackTestSupport
import Testing

@testable import SolpackArchive

@Suite struct ZipReaderTests {
  static func withArchive(_ data: Data, _ body: (ZipReader) throws -> Void) throws {
    try ZipFixtures.withTemporaryDirectory { folder in
      let url = folder.appendingPathComponent("archive.zip")
      try data.write(to: url)
      try body(ZipReader(url: url))
    }
  }

  @Test func readsStoredDeflatedAndDirectoryEntries() throws {
    let text = ZipFixtures.text(lines: 1000)
    let archive = ZipRawArchive.build([
      .stored("Workflows/", ""),
      .stored("Workflows/a.json", "{\"a\": 1}"),
      try .deflated("customizations.xml", text),
    ])
    try Self.withArchive(archive) { (reader: ZipReader) throws in
      #expect(
        reader.entries.map(\.path) == ["Workflows/", "Workflows/a.json", "customizations.xml"])
      #expect(reader.entries[0].isDirectory && reader.entries[0].uncompressedSize == 0)
      #expect(try reader.read(reader.entries[0]).isEmpty)
      #expect(try reader.read(reader.entries[1]) == Data("{\"a\": 1}".utf8))
      #expect(try reader.read(#require(reader.entry(named: "customizations.xml"))) == text)
      #expect(reader.entry(named: "missing.xml") == nil)
    }
  }

  @Test func toleratesCommentsAndDataDescriptorFlag() throws {
    var entry = ZipRawEntry.stored("a.txt", "with descriptor flag")
    entry.flags = 0x0008
    let comment = Array(repeating: UInt8(ascii: "c"), count: 65_535)  // longest allowed
    let archive = ZipRawArchive.build([entry], comment: comment)
    try Self.withArchive(archive) { (reader: ZipReader) throws in
      #expect(try reader.read(reader.entries[0]) == Data("with descriptor flag".utf8))
    }
  }

  @Test func endRecordSignatureInsideTheCommentIsNotMistaken() throws {
    let decoy: [UInt8] = [0x50, 0x4b, 0x05, 0x06] + Array(repeating: 0, count: 30)
    let archive = ZipRawArchive.build([.stored("a.txt", "ok")], comment: decoy)
    try Self.withArchive(archive) { (reader: ZipReader) throws in
      #expect(reader.entries.map(\.path) == ["a.txt"])
    }
  }

  @Test func decodesLegacyCP437Names() throws {
    var entry = ZipRawEntry.stored("x", "data")
    entry.name = [0x8E, 0x2E, 0x74, 0x78, 0x74]  // "Ä.txt" in CP437
    try Self.withArchive(ZipRawArchive.build([entry])) { (reader: ZipReader) throws in
      #expect(reader.entries[0].path == "Ä.txt")
      #expect(try reader.read(reader.entries[0]) == Data("data".utf8))
    }
  }

  @Test func streamsInBoundedChunks() throws {
    try ZipFixtures.withTemporaryDirectory { folder in
      let content = ZipFixtures.text(lines: 100_000) + ZipFixtures.randomData(count: 1 << 20)
      let url = folder.appendingPathComponent("chunks.zip")
      try ZipWriter.write(
        [.init(path: "big.txt", source: .data(content))], to: url,
        options: .init(timestamp: DOSDateTime.epoch, concurrency: 1))
      let reader = try ZipReader(url: url)
      var largest = 0
      var crc = CRC32()
      var total = 0
      try reader.stream(reader.entries[0]) { chunk in
        largest = max(largest, chunk.count)
        crc.update(chunk)
        total += chunk.count
      }
      #expect(largest <= 256 << 10)
      #expect(total == content.count)
      #expect(crc.value == CRC32.checksum(content))
    }
  }

  @Test func readsEntriesFromManyThreadsAtOnce() throws {
    try ZipFixtures.withTemporaryDirectory { folder in
      let items = (0..<64).map { index in
        ZipWriter.Item(
          path: "f\(index).txt", source: .data(ZipFixtures.text(lines: 2000, prefix: "\(index)")))
      }
      let url = folder.appendingPathComponent("threads.zip")
      try ZipWriter.write(items, to: url, options: .init(timestamp: DOSDateTime.epoch))
      let reader = try ZipReader(url: url)
      let results = try ParallelWork.map(count: reader.entries.count, concurrency: 8) { index in
        try reader.read(reader.entries[index])
      }
      for (index, data) in results.enumerated() {
        #expect(data == ZipFixtures.text(lines: 2000, prefix: "\(index)"))
      }
    }
  }

  @Test func errorsNameTheEntryAndGiveAHint() throws {
    var entry = ZipRawEntry.stored("Workflows/flow.json", "payload")
    entry.crc ^= 1
    try ZipFixtures.withTemporaryDirectory { folder in
      let url = folder.appendingPathComponent("crc.zip")
      try ZipRawArchive.build([entry]).write(to: url)
      let reader = try ZipReader(url: url)
      do {
        _ = try reader.read(reader.entries[0])
        Issue.record("expected a CRC error")
      } catch let error as DiagnosticError {
        #expect(error.diagnostic.id == "zip-crc-mismatch")
        #expect(error.diagnostic.entry == "Workflows/flow.json")
        #expect(error.diagnostic.message.contains("Workflows/flow.json"))
        #expect(error.diagnostic.hint != nil)
        #expect(error.diagnostic.severity == .error)
      }
    }
  }
}
