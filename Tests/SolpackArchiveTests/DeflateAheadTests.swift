import Foundation
import Testing

@testable import SolpackArchive

/// Files deflated before the writer starts: the archive is the same byte for byte,
/// an item that is no longer the same file is deflated anew, and the work is bounded.
/// Serialized: the failure tests count the workers running in the whole process.
@Suite(.serialized) struct DeflateAheadTests {
  /// Eight files of different sizes and kinds, with their archive items.
  static func files(in folder: URL) throws -> [DeflateAhead.File] {
    try (0..<8).map { index in
      let url = folder.appendingPathComponent("file-\(index)")
      let data =
        index % 3 == 0
        ? ZipFixtures.randomData(count: 20_000 * (index + 1), seed: UInt64(index))
        : ZipFixtures.text(lines: 3_000 * (index + 1), prefix: "entry \(index)")
      try data.write(to: url)
      return DeflateAhead.File(
        path: "Part/\(index).bin", location: url.path, size: UInt64(data.count))
    }
  }

  static func items(_ files: [DeflateAhead.File]) -> [ZipWriter.Item] {
    [.init(path: "first.xml", source: .data(ZipFixtures.text(lines: 50)))]
      + files.map { .init(path: $0.path, source: .file($0.location, size: $0.size)) }
  }

  static let options = ZipWriter.Options(
    compressionLevel: 6, timestamp: DOSDateTime.epoch, concurrency: 2)

  @Test func theArchiveIsTheSameWithOrWithoutDeflatingAhead() throws {
    try ZipFixtures.withTemporaryDirectory { folder in
      let files = try Self.files(in: folder)
      let plain = folder.appendingPathComponent("plain.zip")
      try ZipWriter.write(Self.items(files), to: plain, options: Self.options)
      let total = files.reduce(0) { $0 + $1.size }
      // All of them ahead, half of them, none (the writer starts at once), and one at a time.
      for budget in [total, total / 2, 1] {
        let ahead = DeflateAhead(files: files, level: 6, budget: budget)
        if budget != 1 { ahead.waitForWorker() }
        let written = folder.appendingPathComponent("ahead-\(budget).zip")
        try ZipWriter.write(Self.items(files), to: written, options: Self.options, ahead: ahead)
        ahead.finish()
        #expect(try Data(contentsOf: written) == Data(contentsOf: plain))
      }
    }
  }

  @Test func theBudgetBoundsTheWorkInArchiveOrder() throws {
    try ZipFixtures.withTemporaryDirectory { folder in
      let files = try Self.files(in: folder)
      let ahead = DeflateAhead(
        files: files, level: 6, budget: files[0].size + files[1].size + files[2].size)
      ahead.waitForWorker()
      #expect(ahead.deflatedPaths == files.prefix(3).map(\.path))
      // A file larger than the whole budget still goes when it is the first.
      let alone = DeflateAhead(files: Array(files.suffix(2)), level: 6, budget: 1)
      alone.waitForWorker()
      #expect(alone.deflatedPaths == [files[6].path])
    }
  }

  /// An entry the caller replaced with its own bytes, or that now comes from another
  /// file, or a writer at another level: what was deflated ahead is not used.
  @Test func onlyTheSameFileAtTheSameLevelIsTaken() throws {
    try ZipFixtures.withTemporaryDirectory { folder in
      let files = try Self.files(in: folder)
      let other = folder.appendingPathComponent("other")
      let otherData = ZipFixtures.text(lines: 10, prefix: "other")
      try otherData.write(to: other)
      var items = Self.items(files)
      items[1].source = .data(Data("replaced by the caller".utf8))
      items[2].source = .file(other.path, size: UInt64(otherData.count))
      let plain = folder.appendingPathComponent("plain.zip")
      try ZipWriter.write(items, to: plain, options: Self.options)
      let ahead = DeflateAhead(files: files, level: 6, budget: 1 << 30)
      ahead.waitForWorker()
      #expect(ahead.deflatedPaths.count == files.count)
      let written = folder.appendingPathComponent("ahead.zip")
      try ZipWriter.write(items, to: written, options: Self.options, ahead: ahead)
      #expect(try Data(contentsOf: written) == Data(contentsOf: plain))
      // Everything else was taken; the two left are dropped when the caller is done.
      #expect(ahead.deflatedPaths == [files[0].path, files[1].path])
      ahead.finish()
      #expect(ahead.deflatedPaths.isEmpty)

      var fast = Self.options
      fast.compressionLevel = 1
      let level1 = folder.appendingPathComponent("level1.zip")
      try ZipWriter.write(Self.items(files), to: level1, options: fast)
      let ahead6 = DeflateAhead(files: files, level: 6, budget: 1 << 30)
      ahead6.waitForWorker()
      let mixed = folder.appendingPathComponent("mixed.zip")
      try ZipWriter.write(Self.items(files), to: mixed, options: fast, ahead: ahead6)
      #expect(try Data(contentsOf: mixed) == Data(contentsOf: level1))
      #expect(ahead6.deflatedPaths.count == files.count)
    }
  }

  /// A file that cannot be read ahead is left to the writer, which reports it as it
  /// would have anyway.
  @Test func aFileThatFailsAheadFailsInTheWriter() throws {
    try ZipFixtures.withTemporaryDirectory { folder in
      var files = try Self.files(in: folder)
      files[0].location = folder.appendingPathComponent("missing").path
      let ahead = DeflateAhead(files: files, level: 6, budget: 1 << 30)
      ahead.waitForWorker()
      #expect(!ahead.deflatedPaths.contains(files[0].path))
      let id = ZipFixtures.diagnosticID {
        try ZipWriter.write(
          Self.items(files), to: folder.appendingPathComponent("x.zip"), options: Self.options,
          ahead: ahead)
      }
      #expect(id == "zip-write-failed")
      ahead.finish()
    }
  }

  /// `finish` returns only once the worker is done: nothing is deflated after it.
  @Test func finishStopsTheWorker() throws {
    try ZipFixtures.withTemporaryDirectory { folder in
      let files = try Self.files(in: folder)
      let ahead = DeflateAhead(
        files: files
          + files.map {
            DeflateAhead.File(path: $0.path + ".copy", location: $0.location, size: $0.size)
          }, level: 9, budget: 1 << 30)
      ahead.finish()
      #expect(DeflateAhead.runningWorkers == 0)
      #expect(ahead.deflatedPaths.isEmpty)
    }
  }
}
