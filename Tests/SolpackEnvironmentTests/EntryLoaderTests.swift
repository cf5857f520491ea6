import Foundation
import Testing

@testable import SolpackEnvironment

@Suite struct EntryLoaderTests {
  private struct Broken: Error, Equatable { let index: Int }

  private func entries(_ count: Int, failingAt failing: Set<Int> = []) -> [StoredEntry] {
    (0..<count).map { index in
      StoredEntry(path: "e\(index)", size: UInt64(index % 7)) {
        if failing.contains(index) { throw Broken(index: index) }
        return Data("\(index)".utf8)
      }
    }
  }

  @Test func chunksCoverTheListInOrder() {
    let list = entries(100)
    for (bytes, count) in [(UInt64(1), 256), (10, 256), (1 << 20, 8), (1 << 20, 256)] {
      let ranges = EntryLoader.chunked(list, chunkBytes: bytes, maxCount: count)
      #expect(ranges.flatMap { Array($0) } == Array(0..<100))
      #expect(ranges.allSatisfy { !$0.isEmpty && $0.count <= count })
    }
    #expect(EntryLoader.chunked([], chunkBytes: 1, maxCount: 1).isEmpty)
  }

  @Test func entriesArriveInOrderAcrossChunks() throws {
    var seen: [String] = []
    try EntryLoader.forEach(entries(1000), chunkBytes: 50, maxChunkCount: 16) { entry, data in
      #expect(String(decoding: data, as: UTF8.self) == entry.path.dropFirst())
      seen.append(entry.path)
    }
    #expect(seen == (0..<1000).map { "e\($0)" })
  }

  /// The first failing entry's error, after every entry before it was passed on.
  @Test func aLoadErrorComesAtItsTurn() {
    var seen = 0
    let error = #expect(throws: Broken.self) {
      try EntryLoader.forEach(
        entries(500, failingAt: [321, 400]), chunkBytes: 30, maxChunkCount: 10
      ) { _, _ in seen += 1 }
    }
    #expect(error == Broken(index: 321))
    #expect(seen == 321)
  }
}
