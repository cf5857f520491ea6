import Foundation
import SolpackModel
import Testing

@testable import SolpackArchive

@Suite struct ZipZip64Tests {
  @Test func forcedZip64RoundTripsAndUnzipAcceptsIt() throws {
    try ZipFixtures.withTemporaryDirectory { folder in
      let items = try ZipWriterTests.sampleItems(in: folder)
      var options = ZipWriterTests.options()
      options.forceZip64 = true
      let url = folder.appendingPathComponent("zip64.zip")
      try ZipWriter.write(items, to: url, options: options)
      let bytes = [UInt8](try Data(contentsOf: url))
      // Classic end record says "see ZIP64"; locator and ZIP64 end record precede it.
      let end = bytes.count - 22
      #expect(bytes[end + 8] == 0xFF && bytes[end + 9] == 0xFF)
      #expect(bytes[(end + 12)..<(end + 20)].allSatisfy { $0 == 0xFF })
      #expect(Array(bytes[(end - 20)..<(end - 16)]) == [0x50, 0x4b, 0x06, 0x07])
      #expect(Array(bytes[(end - 76)..<(end - 72)]) == [0x50, 0x4b, 0x06, 0x06])
      let reader = try ZipReader(url: url)
      #expect(reader.entries.map(\.path) == items.map(\.path))
      for (item, entry) in zip(items, reader.entries) {
        #expect(entry.versionMadeBy == 45)
        let local = Int(entry.localHeaderOffset)
        #expect(bytes[(local + 18)..<(local + 26)].allSatisfy { $0 == 0xFF }, "local sizes")
        #expect(bytes[local + 28] == 20, "ZIP64 extra in the local header")
        #expect(try reader.read(entry) == ZipWriterTests.content(of: item))
      }
      guard let unzip = ZipFixtures.tool("unzip") else {
        print("SKIP forcedZip64RoundTripsAndUnzipAcceptsIt (unzip part): /usr/bin/unzip not found")
        return
      }
      let result = try ZipFixtures.run(unzip, ["-t", url.path])
      #expect(result.status == 0, "\(result.output)")
    }
  }

  /// 70,000 entries overflow the 16-bit entry count: a real (unforced) ZIP64 end record.
  @Test func moreThan65535EntriesUseZip64EndRecords() throws {
    try ZipFixtures.withTemporaryDirectory { folder in
      let count = 70_000
      let items = (0..<count).map { index in
        ZipWriter.Item(path: "e/\(index).txt", source: .data(Data("\(index)".utf8)))
      }
      let url = folder.appendingPathComponent("many.zip")
      try ZipWriter.write(items, to: url, options: ZipWriterTests.options())
      let reader = try ZipReader(url: url, limits: .init(maxEntryCount: count))
      #expect(reader.entries.count == count)
      #expect(reader.entries.allSatisfy { $0.versionMadeBy == 20 }, "entries need no ZIP64")
      let probe = try #require(reader.entry(named: "e/69999.txt"))
      #expect(try reader.read(probe) == Data("69999".utf8))
      #expect(
        ZipFixtures.diagnosticID {
          _ = try ZipReader(url: url)  // the default limit is 65,535
        }
          == "zip-too-many-entries")
      if let unzip = ZipFixtures.tool("unzip") {
        let result = try ZipFixtures.run(unzip, ["-tq", url.path])
        #expect(result.status == 0, "\(result.output.suffix(500))")
      } else {
        print("SKIP moreThan65535EntriesUseZip64EndRecords (unzip part): unzip not found")
      }
    }
  }

  @Test func readsZip64ArchivesFromInfoZip() throws {
    guard let zipTool = ZipFixtures.tool("zip") else {
      print("SKIP readsZip64ArchivesFromInfoZip: /usr/bin/zip not found")
      return
    }
    try ZipFixtures.withTemporaryDirectory { folder in
      // `-fz` forces ZIP64: central 0x0001 extras, ZIP64 end record and locator.
      try Data(count: 100_000).write(to: folder.appendingPathComponent("zeros.bin"))
      try ZipFixtures.text(lines: 10).write(to: folder.appendingPathComponent("in.txt"))
      let url = folder.appendingPathComponent("fz.zip")
      let result = try ZipFixtures.run(
        zipTool, ["-q", "-fz", url.path, "zeros.bin", "in.txt"], in: folder)
      #expect(result.status == 0, "\(result.output)")
      let bytes = [UInt8](try Data(contentsOf: url))
      #expect(Array(bytes[(bytes.count - 42)..<(bytes.count - 38)]) == [0x50, 0x4b, 0x06, 0x07])
      let reader = try ZipReader(url: url)
      #expect(reader.entries.map(\.path) == ["zeros.bin", "in.txt"])
      #expect(try reader.read(reader.entries[0]) == Data(count: 100_000))
      #expect(try reader.read(reader.entries[1]) == ZipFixtures.text(lines: 10))
    }
  }
}
