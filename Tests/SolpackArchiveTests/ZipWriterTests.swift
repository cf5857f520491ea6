import Foundation
import SolpackModel
import SolpackTestSupport
import Testing

@testable import SolpackArchive

@Suite struct ZipWriterTests {
  static let nonASCIIName = "Ünïcödé/日本語 ファイル.txt"

  /// Text, binary, empty, 5 MiB incompressible, a non-ASCII name, and file sources.
  static func sampleItems(in folder: URL) throws -> [ZipWriter.Item] {
    var items: [ZipWriter.Item] = [
      .init(path: "[Content_Types].xml", source: .data(ZipFixtures.text(lines: 3))),
      .init(path: "solution.xml", source: .data(ZipFixtures.text(lines: 400))),
      .init(path: "empty.txt", source: .data(Data())),
      .init(path: "bin/random.bin", source: .data(ZipFixtures.randomData(count: 100_000))),
      .init(path: "bin/big.bin", source: .data(ZipFixtures.randomData(count: 5 << 20, seed: 7))),
      .init(path: nonASCIIName, source: .data(Data("héllo wörld".utf8))),
    ]
    for index in 0..<60 {
      let url = folder.appendingPathComponent("input-\(index).json")
      try ZipFixtures.text(lines: index * 7, prefix: "file \(index)").write(to: url)
      items.append(.init(path: "Workflows/Flow-\(index).json", source: .file(url.path)))
    }
    return items
  }

  static func content(of item: ZipWriter.Item) throws -> Data {
    switch item.source {
    case .data(let data): return data
    case .file(let location, _): return try Data(contentsOf: URL(fileURLWithPath: location))
    case .deferred(_, let load): return try load()
    }
  }

  static func options(concurrency: Int = 4, timestamp: Date = DOSDateTime.epoch)
    -> ZipWriter.Options
  {
    ZipWriter.Options(compressionLevel: 6, timestamp: timestamp, concurrency: concurrency)
  }

  /// Sizes a folder walk already knows save a `stat` per file and change nothing written.
  @Test func knownFileSizesWriteTheSameArchive() throws {
    try ZipFixtures.withTemporaryDirectory { folder in
      let items = try Self.sampleItems(in: folder)
      let sized = try items.map { item -> ZipWriter.Item in
        guard case .file(let location, nil) = item.source else { return item }
        let size = try #require(
          FileManager.default.attributesOfItem(atPath: location)[.size] as? NSNumber)
        return .init(path: item.path, source: .file(location, size: size.uint64Value))
      }
      #expect(sized.contains { if case .file(_, _?) = $0.source { true } else { false } })
      let plain = folder.appendingPathComponent("plain.zip")
      let known = folder.appendingPathComponent("known.zip")
      try ZipWriter.write(items, to: plain, options: Self.options())
      try ZipWriter.write(sized, to: known, options: Self.options())
      #expect(try Data(contentsOf: plain) == Data(contentsOf: known))
    }
  }

  @Test func roundTripsManyEntries() throws {
    try ZipFixtures.withTemporaryDirectory { folder in
      let items = try Self.sampleItems(in: folder)
      let url = folder.appendingPathComponent("out.zip")
      try ZipWriter.write(items, to: url, options: Self.options())
      let reader = try ZipReader(url: url)
      #expect(reader.entries.map(\.path) == items.map(\.path))
      let bytes = [UInt8](try Data(contentsOf: url))
      for (item, entry) in zip(items, reader.entries) {
        #expect(try reader.read(entry) == Self.content(of: item), "\(item.path)")
        #expect(entry.method == 8)
        #expect(entry.flags == (item.path == Self.nonASCIIName ? 0x0800 : 0))
        #expect(entry.versionMadeBy == 20 && entry.externalAttributes == 0)
        #expect(entry.dosTime == 0 && entry.dosDate == 0x21)
        let local = Int(entry.localHeaderOffset)
        #expect(bytes[local + 28] == 0 && bytes[local + 29] == 0, "no local extra field")
        #expect(bytes[local + 4] == 20, "version needed 2.0")
      }
      #expect(reader.entry(named: "empty.txt")?.compressedSize == 2)
      #expect(reader.entry(named: "empty.txt")?.uncompressedSize == 0)
    }
  }

  @Test func writingTwiceIsByteIdentical() throws {
    try ZipFixtures.withTemporaryDirectory { folder in
      let items = try Self.sampleItems(in: folder)
      let first = folder.appendingPathComponent("first.zip")
      let second = folder.appendingPathComponent("second.zip")
      let serial = folder.appendingPathComponent("serial.zip")
      try ZipWriter.write(items, to: first, options: Self.options())
      try ZipWriter.write(items, to: second, options: Self.options())
      try ZipWriter.write(items, to: serial, options: Self.options(concurrency: 1))
      let expected = try Data(contentsOf: first)
      #expect(try Data(contentsOf: second) == expected)
      #expect(try Data(contentsOf: serial) == expected, "thread count must not matter")
    }
  }

  @Test func timestampChangesOnlyTheTimeFields() throws {
    try ZipFixtures.withTemporaryDirectory { folder in
      let items = try Self.sampleItems(in: folder)
      let old = folder.appendingPathComponent("old.zip")
      let new = folder.appendingPathComponent("new.zip")
      let stamp = ZipWriter.Options.environmentTimestamp(["SOURCE_DATE_EPOCH": "1700000000"])
      try ZipWriter.write(items, to: old, options: Self.options())
      try ZipWriter.write(items, to: new, options: Self.options(timestamp: stamp))
      let a = [UInt8](try Data(contentsOf: old)), b = [UInt8](try Data(contentsOf: new))
      #expect(a.count == b.count)
      let reader = try ZipReader(url: new)
      var allowed = Set<Int>()
      for entry in reader.entries {
        allowed.formUnion(Int(entry.localHeaderOffset) + 10..<Int(entry.localHeaderOffset) + 14)
      }
      for offset in Self.centralHeaderOffsets(b) { allowed.formUnion(offset + 12..<offset + 16) }
      let changed = Set((0..<min(a.count, b.count)).filter { a[$0] != b[$0] })
      #expect(!changed.isEmpty)
      #expect(changed.isSubset(of: allowed))
      let expected = DOSDateTime.encode(stamp)
      #expect(
        reader.entries.allSatisfy { $0.dosTime == expected.time && $0.dosDate == expected.date })
      #expect(DOSDateTime.decode(time: expected.time, date: expected.date) == stamp)
    }
  }

  /// Offsets of the central headers, found by walking from the end record.
  static func centralHeaderOffsets(_ bytes: [UInt8]) -> [Int] {
    ZipRawArchive.centralHeaderOffsets(bytes)
  }

  @Test func streamsLargeFilesLikeInMemoryData() throws {
    try ZipFixtures.withTemporaryDirectory { folder in
      // 20 MiB: incompressible head, compressible tail, not a multiple of 1 MiB.
      var content = ZipFixtures.randomData(count: 3 << 20, seed: 3)
      content.append(ZipFixtures.text(lines: 420_000))
      #expect(content.count > 16 << 20)
      let input = folder.appendingPathComponent("large.bin")
      try content.write(to: input)
      let streamed = folder.appendingPathComponent("streamed.zip")
      let buffered = folder.appendingPathComponent("buffered.zip")
      let head = ZipWriter.Item(path: "a.txt", source: .data(Data("a".utf8)))
      let tail = ZipWriter.Item(path: "z.txt", source: .data(Data("z".utf8)))
      try ZipWriter.write(
        [head, .init(path: "large.bin", source: .file(input.path)), tail], to: streamed,
        options: Self.options())
      try ZipWriter.write(
        [head, .init(path: "large.bin", source: .data(content)), tail], to: buffered,
        options: Self.options())
      #expect(try Data(contentsOf: streamed) == Data(contentsOf: buffered))
      // Streamed with the size a folder walk knows, without a `stat`.
      let sized = folder.appendingPathComponent("sized.zip")
      try ZipWriter.write(
        [
          head, .init(path: "large.bin", source: .file(input.path, size: UInt64(content.count))),
          tail,
        ],
        to: sized, options: Self.options())
      #expect(try Data(contentsOf: sized) == Data(contentsOf: buffered))
      let reader = try ZipReader(url: streamed)
      let entry = try #require(reader.entry(named: "large.bin"))
      #expect(try reader.read(entry) == content)
      #expect(try reader.read(#require(reader.entry(named: "z.txt"))) == Data("z".utf8))
    }
  }

  @Test func batchesBeyondTheMemoryBudgetKeepOrder() throws {
    try ZipFixtures.withTemporaryDirectory { folder in
      let big = ZipFixtures.text(lines: 700_000)  // ~30 MiB each, 90 MiB in total
      let items = (0..<3).map { index in
        ZipWriter.Item(path: "part\(index).txt", source: .data(big + Data("\(index)".utf8)))
      }
      let url = folder.appendingPathComponent("batches.zip")
      try ZipWriter.write(items, to: url, options: Self.options())
      let reader = try ZipReader(url: url)
      for (index, entry) in reader.entries.enumerated() {
        #expect(entry.path == "part\(index).txt")
        #expect(try reader.read(entry) == big + Data("\(index)".utf8))
      }
    }
  }

  @Test func emptyArchiveIsValid() throws {
    try ZipFixtures.withTemporaryDirectory { folder in
      let url = folder.appendingPathComponent("empty.zip")
      try ZipWriter.write([], to: url, options: Self.options())
      #expect(try Data(contentsOf: url).count == 22)
      #expect(try ZipReader(url: url).entries.isEmpty)
    }
  }

  @Test func rejectsBadItems() throws {
    try ZipFixtures.withTemporaryDirectory { folder in
      let url = folder.appendingPathComponent("bad.zip")
      func write(_ items: [ZipWriter.Item], to target: URL? = nil) -> String? {
        ZipFixtures.diagnosticID {
          try ZipWriter.write(items, to: target ?? url, options: Self.options())
        }
      }
      let data = ZipWriter.Source.data(Data("x".utf8))
      #expect(write([.init(path: "../x", source: data)]) == "zip-unsafe-path-traversal")
      #expect(write([.init(path: "dir/", source: data)]) == "zip-unsafe-path")
      #expect(write([.init(path: "a\\b", source: data)]) == "zip-unsafe-path-backslash")
      #expect(
        write([.init(path: "a", source: data), .init(path: "a", source: data)])
          == "zip-duplicate-entry")
      let missing = folder.appendingPathComponent("missing.txt")
      #expect(write([.init(path: "a", source: .file(missing.path))]) == "zip-write-failed")
      let nowhere = folder.appendingPathComponent("no/such/dir/out.zip")
      #expect(write([.init(path: "a", source: data)], to: nowhere) == "zip-write-failed")
    }
  }
}

@Suite struct ZipWriterDeferredTests {
  /// A deferred item gives the same bytes as the same data given up front, and is
  /// loaded only when written.
  @Test func deferredItemsMatchDataItems() throws {
    let folder = TestFolder()
    let payload = Data(repeating: 0x41, count: 300_000)
    let direct = folder.path("direct.zip")
    let deferred = folder.path("deferred.zip")
    let options = ZipWriter.Options(
      compressionLevel: 6, timestamp: DOSDateTime.epoch, concurrency: 2)
    try ZipWriter.write(
      [.init(path: "a.txt", source: .data(payload))], to: direct, options: options)
    try ZipWriter.write(
      [.init(path: "a.txt", source: .deferred(size: UInt64(payload.count)) { payload })],
      to: deferred,
      options: options)
    #expect(try Data(contentsOf: direct) == Data(contentsOf: deferred))
  }
}
