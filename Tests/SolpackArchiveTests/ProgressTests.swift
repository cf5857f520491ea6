import Foundation
import SolpackArchive
import SolpackModel
import SolpackTestSupport
import Testing

/// Pack and unpack report each entry once, and end at the totals they announced.
@Suite struct ProgressTests {
  /// Collects what a handler is told, from any thread.
  final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [WorkProgress] = []
    var all: [WorkProgress] {
      lock.lock()
      defer { lock.unlock() }
      return seen
    }
    var handler: ProgressHandler {
      { [self] progress in
        lock.lock()
        seen.append(progress)
        lock.unlock()
      }
    }
  }

  static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
      "samples/CredentialsCore")

  @Test func zipWriterCountsEveryEntry() throws {
    let folder = TestFolder()
    let items = (0..<50).map {
      ZipWriter.Item(path: "e\($0).txt", source: .data(Data(repeating: 65, count: $0 * 10)))
    }
    let recorder = Recorder()
    var options = ZipWriter.Options.fromEnvironment()
    options.progress = recorder.handler
    try ZipWriter.write(items, to: folder.path("a.zip"), options: options)
    let seen = recorder.all
    #expect(seen.count == 50)
    #expect(seen.map(\.entriesDone).sorted() == Array(1...50))
    let last = try #require(seen.max { $0.entriesDone < $1.entriesDone })
    #expect(last.bytesDone == last.bytesTotal)
    #expect(last.bytesTotal == UInt64((0..<50).reduce(0) { $0 + $1 * 10 }))
  }

  @Test func packAndUnpackEndAtTheirTotals() throws {
    let folder = TestFolder()
    let archive = folder.path("CC.zip")
    let packed = Recorder()
    var zip = ZipWriter.Options.fromEnvironment()
    zip.progress = packed.handler
    let result = try Packer.pack(
      SolutionSources.open(Self.sample), to: archive, options: Packer.Options(zip: zip))
    #expect(packed.all.count == result.entryCount)
    #expect(
      packed.all.contains { $0.entriesDone == result.entryCount && $0.bytesDone == $0.bytesTotal })
    let unpacked = Recorder()
    let out = try Unpacker.unpack(
      SolutionSources.open(archive), to: folder.path("out"), progress: unpacked.handler)
    #expect(unpacked.all.count == out.fileCount)
    #expect(
      unpacked.all.contains { $0.entriesDone == out.fileCount && $0.entriesTotal == out.fileCount })
  }
}
