import Foundation
import SolpackModel

/// Writes a solution archive from any source: entries not edited keep their bytes;
/// the order is fixed (`[Content_Types].xml`, `solution.xml`, `customizations.xml`,
/// then every other entry by byte-wise path), so the same input always gives the
/// same archive.
public enum Packer {
  public struct Options: Sendable {
    /// Overrides `<Managed>`; nil keeps what solution.xml holds.
    public var managed: ManagedState?
    public var zip: ZipWriter.Options

    public init(managed: ManagedState? = nil, zip: ZipWriter.Options = .fromEnvironment()) {
      self.managed = managed
      self.zip = zip
    }
  }

  public struct Result: Sendable {
    public var solution: Solution
    public var diagnostics: [Diagnostic]
    public var entryCount: Int
    public var uncompressedBytes: UInt64
  }

  static let leadingEntries = [ContentTypes.path, "solution.xml", "customizations.xml"]

  /// Packs a folder (or repacks an archive): a folder's files start deflating on the
  /// second core as soon as they are listed, while the rest is still being prepared.
  public static func pack(folder: URL, to archive: URL, options: Options = Options()) throws
    -> Result
  {
    let source = try SolutionSources.open(folder, deflateAhead: options.zip.compressionLevel)
    return try pack(source, to: archive, options: options)
  }

  public static func pack(
    _ source: any SolutionSource, to archive: URL, options: Options = Options()
  )
    throws -> Result
  {
    let ahead = (source as? FolderSource)?.ahead
    defer { ahead?.finish() }
    let read = try SolutionReader.read(source, scanFlows: false, metadata: .essentials)
    // The packer writes [Content_Types].xml itself, so its absence is no news here.
    var diagnostics = read.diagnostics.filter { $0.id != "content-types-missing" }
    if let error = diagnostics.first(where: { $0.severity == .error }) {
      throw DiagnosticError(error)
    }
    var solution = read.solution
    let secrets = SecretValues.redactions(solution)
    var replaced = secrets.files
    diagnostics += secrets.diagnostics
    if let managed = options.managed, managed != solution.manifest.managed {
      solution.manifest.managed = managed
      replaced["solution.xml"] = XMLWriter.data(ManifestCodec.encode(solution.manifest))
    }
    if solution.manifest.managed == .both {
      diagnostics.append(
        .warning(
          "managed-both-in-archive",
          "solution.xml has <Managed>2</Managed> (SolutionPackager's source of both kinds); Dataverse imports only 0 or 1",
          entry: "solution.xml", component: "solution \(solution.uniqueName)",
          hint: "Pass --packagetype unmanaged or --packagetype managed."))
    }
    let paths = order(source.entries.map(\.path) + [ContentTypes.path])
    let others = paths.filter { $0 != ContentTypes.path }
    if source.contains(ContentTypes.path),
      let missing = ContentTypes.uncovered(by: try source.read(ContentTypes.path), paths: others),
      missing.isEmpty
    {
      // Still right for these entries: keep it byte for byte.
    } else {
      if source.contains(ContentTypes.path) {
        diagnostics.append(
          Diagnostic(
            .note, id: "content-types-regenerated",
            message: "[Content_Types].xml did not cover every entry and was written anew",
            entry: ContentTypes.path))
      }
      replaced[ContentTypes.path] = ContentTypes.generate(paths: others)
    }
    var items: [ZipWriter.Item] = []
    var total: UInt64 = 0
    for path in paths {
      let item: ZipWriter.Source
      if let data = replaced[path] {
        item = .data(data)
        total += UInt64(data.count)
      } else {
        item = try source.writerSource(path)
        total += source.entry(path)?.size ?? 0
      }
      items.append(ZipWriter.Item(path: path, source: item))
    }
    try AtomicFile.replace(archive) { temporary in
      try ZipWriter.write(items, to: temporary, options: options.zip, ahead: ahead)
    }
    solution.parts = paths.map { path in
      let size = replaced[path].map { UInt64($0.count) } ?? source.entry(path)?.size ?? 0
      return SolutionPart(path: path, size: size, kind: PartKind(path: path))
    }.sorted { $0.path < $1.path }
    return Result(
      solution: solution, diagnostics: diagnostics, entryCount: items.count,
      uncompressedBytes: total)
  }

  /// The archive's entry order, documented in docs/format.md.
  static func order(_ paths: [String]) -> [String] {
    let unique = Set(paths)
    let leading = leadingEntries.filter(unique.contains)
    // Each path's bytes are copied once and compared with memcmp: copying both paths
    // for every comparison cost 20 M instructions per sort of a 1,700-file tree.
    let rest = unique.subtracting(leadingEntries).map { (bytes: Array($0.utf8), path: $0) }
      .sorted { bytewisePrecedes($0.bytes, $1.bytes) }
    return leading + rest.map(\.path)
  }

  private static func bytewisePrecedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    let common = min(a.count, b.count)
    let sign =
      common == 0
      ? 0
      : a.withUnsafeBytes { a in
        b.withUnsafeBytes { memcmp(a.baseAddress!, $0.baseAddress!, common) }
      }
    return sign != 0 ? sign < 0 : a.count < b.count
  }
}
