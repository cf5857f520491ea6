import Foundation
import SolpackModel

/// Writes deterministic zip archives: same items → byte-identical file on any machine
/// (given the same zlib). Entries are deflated in parallel but written strictly in order.
public struct ZipWriter {
  public enum Source: Sendable {
    case data(Data)
    case file(URL)
    /// Read when its batch is deflated, so a whole archive's entries are never in
    /// memory at once (entries copied from another archive or a store).
    case deferred(size: UInt64, load: @Sendable () throws -> Data)
  }

  public struct Item: Sendable {
    /// Entry name, '/' separators, no directory entries.
    public var path: String
    public var source: Source
    public init(path: String, source: Source) {
      self.path = path
      self.source = source
    }
  }

  /// Uncompressed bytes held in memory at once by one parallel batch (at least one item).
  static let batchBudget: UInt64 = 64 << 20
  /// `.file` items above this are streamed in constant memory instead of batched.
  static let streamingThreshold: UInt64 = 16 << 20

  /// Writes `items` in the given order to `url` (creating/truncating it). Throws
  /// `zip-unsafe-path`, `zip-duplicate-entry` or `zip-write-failed`.
  public static func write(
    _ items: [Item], to url: URL, options: Options = .fromEnvironment()
  ) throws {
    let names = try validatedNames(items)
    let sizes = try items.map(inputSize)
    let output = try ZipOutput(url: url)
    let (time, date) = DOSDateTime.encode(options.timestamp)
    var session = ZipWriteSession(
      output: output, encoder: ZipRecordEncoder(dosTime: time, dosDate: date), options: options)
    // Counted as entries are deflated, the slow part, rather than when a batch is appended.
    let counter = ProgressCounter(
      entries: items.count, bytes: sizes.reduce(0, +), handler: options.progress)
    var start = 0
    while start < items.count {
      if case .file(let source) = items[start].source, sizes[start] > streamingThreshold {
        try session.streamFile(items[start], from: source, size: sizes[start], name: names[start])
        counter.add(sizes[start])
        start += 1
        continue
      }
      var end = start + 1
      var budget = sizes[start]
      while end < items.count, !isStreamed(items[end], size: sizes[end]),
        budget + sizes[end] <= batchBudget
      {
        budget += sizes[end]
        end += 1
      }
      let batch = Array(items[start..<end])
      let level = options.compressionLevel
      let first = start
      let compressed = try ParallelWork.map(count: batch.count, concurrency: options.concurrency) {
        let item = try CompressedItem(batch[$0], level: level)
        counter.add(sizes[first + $0])
        return item
      }
      for (offset, item) in compressed.enumerated() {
        try session.append(item, name: names[start + offset], path: items[start + offset].path)
      }
      start = end
    }
    try session.finish()
    try output.close()
  }

  private static func isStreamed(_ item: Item, size: UInt64) -> Bool {
    if case .file = item.source { return size > streamingThreshold }
    return false
  }

  /// Checks every name up front so a bad item fails before anything is written.
  private static func validatedNames(_ items: [Item]) throws -> [[UInt8]] {
    var seen = Set<String>()
    return try items.map { item in
      try ZipPathPolicy.validate(item.path, allowDirectory: false)
      guard seen.insert(item.path).inserted else {
        throw ZipError.make(
          "zip-duplicate-entry", "entry \(ZipError.quoted(item.path)) is given more than once",
          entry: item.path, hint: "Each archive entry name must be unique.")
      }
      let name = Array(item.path.utf8)
      guard name.count <= Int(UInt16.max) else {
        throw ZipError.writeFailed(
          item.path, "entry name is \(name.count) bytes long; zip allows at most 65535")
      }
      return name
    }
  }

  /// Uncompressed size, used to plan batches; `.file` sizes come from `stat`.
  private static func inputSize(_ item: Item) throws -> UInt64 {
    switch item.source {
    case .data(let data):
      return UInt64(data.count)
    case .deferred(let size, _):
      return size
    case .file(let url):
      do {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes[.size] as? NSNumber)?.uint64Value ?? 0
      } catch {
        throw ZipError.writeFailed(
          item.path, "cannot read \(url.path): \(error.localizedDescription)")
      }
    }
  }
}
