import Foundation
import SolpackModel

/// The entries of one solution, in archive terms (`solution.xml`, `Workflows/X.json`,
/// `Connector/…`), whatever holds them: a zip, an extracted zip, or a
/// SolutionPackager tree presented as the archive it packs to.
public protocol SolutionSource: Sendable {
  /// The archive file or folder this came from.
  var location: URL { get }
  /// Every entry, sorted by path.
  var entries: [SourceEntry] { get }
  /// Problems found while presenting the entries (not fatal).
  var diagnostics: [Diagnostic] { get }
  /// The whole entry's bytes.
  func read(_ path: String) throws -> Data
  /// How the zip writer gets the entry: large files stream from disk.
  func writerSource(_ path: String) throws -> ZipWriter.Source
  /// customizations.xml as `.essentials` reading parses it, when the source built it
  /// (an unpacked folder re-inlines its flows): the reader then need not parse it again.
  var essentialCustomizations: XMLFile? { get }
}

public struct SourceEntry: Sendable, Hashable {
  public var path: String
  public var size: UInt64
  /// From the zip's central directory: lets `diff` skip entries without inflating them.
  public var crc32: UInt32?

  public init(path: String, size: UInt64, crc32: UInt32? = nil) {
    self.path = path
    self.size = size
    self.crc32 = crc32
  }
}

extension SolutionSource {
  public var essentialCustomizations: XMLFile? { nil }

  public func contains(_ path: String) -> Bool { entry(path) != nil }

  public func entry(_ path: String) -> SourceEntry? {
    // Entries are sorted: binary search.
    var low = 0
    var high = entries.count
    while low < high {
      let mid = (low + high) / 2
      if entries[mid].path < path { low = mid + 1 } else { high = mid }
    }
    return low < entries.count && entries[low].path == path ? entries[low] : nil
  }

  /// The name of the solution's file for messages: `InvoiceFlows.zip`.
  public var displayName: String { location.lastPathComponent }
}

/// Opens an archive or a folder (packed or SolutionPackager layout).
public enum SolutionSources {
  public static func open(_ url: URL, limits: ZipLimits = .default) throws -> any SolutionSource {
    try open(url, limits: limits, deflateAhead: nil)
  }

  /// As `open`; with a level, a folder's files start deflating for pack at once.
  static func open(_ url: URL, limits: ZipLimits = .default, deflateAhead level: Int32?) throws
    -> any SolutionSource
  {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
      throw DiagnosticError(
        .error(
          "input-not-found", "\(url.path) does not exist", entry: url.lastPathComponent,
          hint: "Give the path of a solution .zip or of an unpacked solution folder."))
    }
    if !isDirectory.boolValue { return try ArchiveSource(url: url, limits: limits) }
    let fileManager = FileManager.default
    if fileManager.fileExists(atPath: url.appendingPathComponent("Other/Solution.xml").path) {
      return try UnpackedLayout.packedSource(folder: url, deflateAhead: level)
    }
    if fileManager.fileExists(atPath: url.appendingPathComponent("solution.xml").path) {
      return try FolderSource(url: url, files: FolderWalker.files(in: url), deflateAhead: level)
    }
    throw DiagnosticError(
      .error(
        "not-a-solution",
        "\(url.path) holds neither Other/Solution.xml (unpacked) nor solution.xml (extracted)",
        entry: url.lastPathComponent,
        hint: "Point at the folder that `solpack unpack` or `pac solution unpack` wrote."))
  }
}
