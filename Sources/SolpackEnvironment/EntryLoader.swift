import Foundation
import SolpackArchive

/// Loads (inflates) a solution's stored entries ahead of the SQLite writer: the next
/// chunk on every core while the caller writes the current one. Inflating on the
/// writer's own thread was two thirds of writing a new solution's entries. At most two
/// chunks (about `chunkBytes` each) are in memory at once.
enum EntryLoader {
  /// Calls `body` with each entry and its bytes, in order. A load error is thrown
  /// where the entry's turn comes, as loading one after another would; nothing runs in
  /// the background once this returns or throws.
  static func forEach(
    _ list: [StoredEntry], chunkBytes: UInt64 = 2 << 20, maxChunkCount: Int = 256,
    _ body: (StoredEntry, Data) throws -> Void
  ) throws {
    let chunks = chunked(list, chunkBytes: chunkBytes, maxCount: maxChunkCount)
    var next = chunks.first.map { load(list, $0) }
    defer { next?.wait() }
    for (index, range) in chunks.enumerated() {
      let current = next!
      next = index + 1 < chunks.count ? load(list, chunks[index + 1]) : nil
      for (entry, data) in zip(list[range], try current.value()) { try body(entry, data.get()) }
    }
  }

  /// Consecutive ranges of about `chunkBytes` (the sizes the source lists), each at
  /// least one entry and at most `maxCount`.
  static func chunked(_ list: [StoredEntry], chunkBytes: UInt64, maxCount: Int) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var start = 0
    var bytes: UInt64 = 0
    for (index, entry) in list.enumerated() {
      bytes += entry.size
      if bytes >= chunkBytes || index + 1 - start >= maxCount {
        ranges.append(start..<index + 1)
        start = index + 1
        bytes = 0
      }
    }
    if start < list.count { ranges.append(start..<list.count) }
    return ranges
  }

  /// One chunk loading in the background, on every core; each entry keeps its own
  /// result, so the entries before a failing one are still passed on.
  private static func load(_ list: [StoredEntry], _ range: Range<Int>)
    -> BackgroundTask<[Result<Data, any Error>]>
  {
    let entries = Array(list[range])
    return BackgroundTask {
      try ParallelWork.map(
        count: entries.count, concurrency: ProcessInfo.processInfo.activeProcessorCount
      ) { index in Result { try entries[index].load() } }
    }
  }
}
