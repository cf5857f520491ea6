import Foundation
import SolpackModel

/// Writes an archive's unpacked tree into a temporary folder beside the target and
/// renames it into place at the end. Entries stream from the zip to disk, several
/// at a time; no entry is written outside the target. With `canonical`, XML and JSON
/// files are written in `Canonical`'s form (Unpacker+Canonical.swift).
public enum Unpacker {
  public struct Result: Sendable {
    public var solution: Solution
    public var diagnostics: [Diagnostic]
    public var fileCount: Int
    public var bytes: UInt64
  }

  public static func unpack(
    _ source: any SolutionSource, to folder: URL, replacing: Bool = false, canonical: Bool = false,
    progress: ProgressHandler? = nil
  ) throws -> Result {
    let read = try SolutionReader.read(source, scanFlows: false, metadata: .essentials)
    if let error = read.diagnostics.first(where: { $0.severity == .error }) {
      throw DiagnosticError(error)
    }
    let secrets = SecretValues.redactions(read.solution)
    let files = try UnpackedLayout.folderFiles(for: source, customizations: read.customizations)
      .map { file in
        secrets.files[file.path].map {
          UnpackedLayout.FolderFile(path: file.path, content: .data($0))
        }
          ?? file
      }
    var bytes: UInt64 = 0
    try AtomicFile.replaceFolder(folder, replacing: replacing) { temporary in
      try createFolders(for: files, in: temporary)
      let counter = ProgressCounter(
        entries: files.count, bytes: files.reduce(0) { $0 + $1.expectedSize(in: source) },
        handler: progress)
      // Inflating and writing files in parallel; the first error in file order wins.
      // Task 0 streams the workflows' metadata files while the other cores write the rest.
      let streaming = files.contains { if case .streamed = $0.content { true } else { false } }
      let customizations = read.customizations
      let sizes = try ParallelWork.map(
        count: files.count + 1, concurrency: ProcessInfo.processInfo.activeProcessorCount
      ) { task -> UInt64 in
        guard task > 0 else {
          return streaming
            ? try writeWorkflowFiles(
              from: source, like: customizations, into: temporary, canonical: canonical) : 0
        }
        let file = files[task - 1]
        let size = try write(file, from: source, into: temporary, canonical: canonical)
        counter.add(file.expectedSize(in: source))  // so the bytes reach their total
        return size
      }
      bytes = sizes.reduce(0, +)
    }
    return Result(
      solution: read.solution, diagnostics: read.diagnostics + secrets.diagnostics,
      fileCount: files.count, bytes: bytes)
  }

  private static func createFolders(for files: [UnpackedLayout.FolderFile], in root: URL) throws {
    let folders = Set(
      files.compactMap { file -> String? in
        guard let slash = file.path.lastIndex(of: "/") else { return nil }
        return String(file.path[..<slash])
      })
    for folder in folders.sorted() {
      try FileManager.default.createDirectory(
        at: try safeURL(folder, in: root), withIntermediateDirectories: true)
    }
  }

  /// Writes one file and returns its size on disk.
  static func write(
    _ file: UnpackedLayout.FolderFile, from source: any SolutionSource, into root: URL,
    canonical: Bool
  ) throws -> UInt64 {
    let url = try safeURL(file.path, in: root)
    let kind = canonical ? CanonicalKind(path: file.path) : nil
    var data: Data
    switch file.content {
    case .streamed:
      return 0  // written by `writeWorkflowFiles`
    case .data(let built):
      data = built
    case .document(let document):
      data = XMLWriter.data(document)
    case .entry(let path):
      // Streamed from the zip unless it is rewritten: a document is parsed whole anyway.
      if kind == nil, let archive = source as? ArchiveSource,
        let entry = archive.reader.entry(named: path)
      {
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
          let handle = FileHandle(forWritingAtPath: url.path)
        else {
          throw DiagnosticError(.error("write-failed", "could not create \(url.path)", entry: path))
        }
        defer { try? handle.close() }
        try archive.reader.stream(entry) { chunk in handle.write(Data(chunk)) }
        return entry.uncompressedSize
      }
      data = try source.read(path)
    }
    if let kind { data = kind.rewrite(data, entry: file.path) }
    try data.write(to: url)
    return UInt64(data.count)
  }

  /// The file's URL inside `root`, refusing any path that would leave it. The zip
  /// reader already refuses such names; this is the second lock on the door.
  static func safeURL(_ path: String, in root: URL) throws -> URL {
    let segments = path.split(separator: "/", omittingEmptySubsequences: false)
    guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0"),
      segments.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." })
    else {
      throw DiagnosticError(
        .error(
          "zip-unsafe-path", "\(path) would be written outside the target folder", entry: path,
          hint: "Do not unpack this archive; it was made to overwrite files elsewhere."))
    }
    return root.appendingPathComponent(path)
  }
}

extension UnpackedLayout.FolderFile {
  /// Bytes this file will take, before any canonical rewrite: what progress counts toward.
  /// Metadata documents are not rendered yet; they count as entries, not bytes.
  func expectedSize(in source: any SolutionSource) -> UInt64 {
    switch content {
    case .data(let data): UInt64(data.count)
    case .document, .streamed: 0
    case .entry(let path): source.entry(path)?.size ?? 0
    }
  }
}
