import Foundation
import SolpackModel

/// Writes deterministic zip archives: same items → byte-identical file on any machine
/// (given the same zlib). Entries are deflated in parallel but written strictly in order.
public struct ZipWriter {
  public enum Source: Sendable {
    case data(Data)
    /// A file on disk by its absolute path, as a folder walk lists it (no `URL`: 600
    /// bytes and 9,000 instructions each, for tens of thousands of files); `size` is what
    /// the caller already knows of it, saving a `stat` per file before anything is
    /// deflated.
    case file(String, size: UInt64? = nil)
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

  /// Uncompressed bytes deflated ahead of the writer at most (an item larger than this
  /// runs alone): enough to keep both cores busy, small enough for flat memory.
  static let windowBudget: UInt64 = 16 << 20
  /// `.file` items above this are streamed in constant memory instead of batched.
  static let streamingThreshold: UInt64 = 16 << 20

  /// Writes `items` in the given order to `url` (creating/truncating it). Throws
  /// `zip-unsafe-path`, `zip-duplicate-entry` or `zip-write-failed`.
  public static func write(
    _ items: [Item], to url: URL, options: Options = .fromEnvironment()
  ) throws {
    try write(items, to: url, options: options, ahead: nil)
  }

  /// As `write`, taking the files `ahead` already deflated (at the same level) instead
  /// of deflating them again; `ahead` starts no new file once writing begins.
  static func write(
    _ items: [Item], to url: URL, options: Options, ahead: DeflateAhead?
  ) throws {
    ahead?.stop()
    let ahead = ahead?.level == options.compressionLevel ? ahead : nil
    let names = try validatedNames(items)
    let sizes = try items.map(inputSize)
    let output = try ZipOutput(url: url)
    let (time, date) = DOSDateTime.encode(options.timestamp)
    var session = ZipWriteSession(
      output: output, encoder: ZipRecordEncoder(dosTime: time, dosDate: date), options: options)
    let level = options.compressionLevel
    // Counted as entries are deflated, the slow part, rather than when they are written.
    let counter = ProgressCounter(
      entries: items.count, bytes: sizes.reduce(0, +), handler: options.progress)
    // Entries deflate on the workers and are written here in order, with a bounded
    // window of uncompressed bytes in flight; large files stream on this thread.
    try OrderedWindow.run(
      count: items.count, concurrency: options.concurrency, budget: windowBudget,
      weight: { isStreamed(items[$0], size: sizes[$0]) ? 0 : sizes[$0] },
      produce: { index -> CompressedItem? in
        guard !isStreamed(items[index], size: sizes[index]) else { return nil }
        let item =
          try deflatedAhead(items[index], by: ahead) ?? CompressedItem(items[index], level: level)
        counter.add(sizes[index])
        return item
      },
      consume: { index, compressed in
        if let compressed {
          try session.append(compressed, name: names[index], path: items[index].path)
        } else if case .file(let location, _) = items[index].source {
          try session.streamFile(
            items[index], from: location, size: sizes[index], name: names[index])
          counter.add(sizes[index])
        }
      })
    try session.finish()
    try output.close()
  }

  private static func deflatedAhead(_ item: Item, by ahead: DeflateAhead?) -> CompressedItem? {
    guard let ahead, case .file(let location, _) = item.source else { return nil }
    return ahead.take(item.path, from: location)
  }

  private static func isStreamed(_ item: Item, size: UInt64) -> Bool {
    switch item.source {
    case .file: return size > streamingThreshold
    case .data, .deferred: return false
    }
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

  /// Uncompressed size, used to plan batches; `.file` sizes not given come from `stat`.
  private static func inputSize(_ item: Item) throws -> UInt64 {
    switch item.source {
    case .data(let data):
      return UInt64(data.count)
    case .deferred(let size, _):
      return size
    case .file(_, let size?):
      return size
    case .file(let location, nil):
      do {
        let attributes = try FileManager.default.attributesOfItem(atPath: location)
        return (attributes[.size] as? NSNumber)?.uint64Value ?? 0
      } catch {
        throw ZipError.writeFailed(
          item.path, "cannot read \(location): \(error.localizedDescription)")
      }
    }
  }
}
