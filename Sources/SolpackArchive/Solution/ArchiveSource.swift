import Foundation
import SolpackModel

/// A solution zip, read entry by entry through the central directory.
public struct ArchiveSource: SolutionSource {
  public let location: URL
  public let reader: ZipReader
  public let entries: [SourceEntry]
  public var diagnostics: [Diagnostic] { [] }
  /// Where `read` leaves and finds entries another reader of this archive inflated.
  public var handoff: EntryHandoff?

  public init(url: URL, limits: ZipLimits = .default) throws {
    location = url
    reader = try ZipReader(url: url, limits: limits)
    entries = reader.entries.filter { !$0.path.hasSuffix("/") }
      .map { SourceEntry(path: $0.path, size: $0.uncompressedSize, crc32: $0.crc32) }
      .sorted { $0.path < $1.path }
  }

  public func read(_ path: String) throws -> Data {
    if let data = handoff?.take(path) { return data }
    guard let entry = reader.entry(named: path) else { throw missingEntry(path) }
    let data = try reader.read(entry)
    handoff?.offer(path, data)
    return data
  }

  /// Inflates every entry and checks its CRC and size, keeping nothing: what `check`
  /// runs so that it refuses exactly what `import` (which copies every entry) refuses.
  public func verify() throws {
    let reader = reader
    let entries = reader.entries.filter { !$0.isDirectory }
    _ = try ParallelWork.map(
      count: entries.count, concurrency: ProcessInfo.processInfo.activeProcessorCount
    ) { try reader.stream(entries[$0]) { _ in } }
  }

  public func writerSource(_ path: String) throws -> ZipWriter.Source {
    guard let entry = reader.entry(named: path) else { throw missingEntry(path) }
    let reader = reader
    return .deferred(size: entry.uncompressedSize) { try reader.read(entry) }
  }

  func missingEntry(_ path: String) -> DiagnosticError {
    DiagnosticError(
      .error(
        "entry-missing", "\(location.lastPathComponent) has no entry \(path)", entry: path,
        hint: "Export the solution again; the archive is incomplete."))
  }
}
