import Foundation
import SolpackModel

/// Entries backed by files on disk or by bytes solpack built (a re-inlined
/// customizations.xml, a generated `[Content_Types].xml`).
public struct FolderSource: SolutionSource {
  public enum Origin: Sendable {
    case file(URL, size: UInt64)
    case data(Data)
  }

  public let location: URL
  public let entries: [SourceEntry]
  public let diagnostics: [Diagnostic]
  let origins: [String: Origin]

  init(url: URL, files: [FolderWalker.File]) throws {
    var origins: [String: Origin] = [:]
    for file in files { origins[file.path] = .file(file.url, size: file.size) }
    self.init(location: url, origins: origins, diagnostics: [])
  }

  public init(location: URL, origins: [String: Origin], diagnostics: [Diagnostic]) {
    self.location = location
    self.origins = origins
    self.diagnostics = diagnostics
    entries = origins.map { path, origin in
      switch origin {
      case .file(_, let size): SourceEntry(path: path, size: size)
      case .data(let data): SourceEntry(path: path, size: UInt64(data.count))
      }
    }.sorted { $0.path < $1.path }
  }

  public func read(_ path: String) throws -> Data {
    switch origins[path] {
    case .file(let url, _)?:
      do {
        return try Data(contentsOf: url)
      } catch {
        throw DiagnosticError(
          .error(
            "read-failed", "could not read \(url.path): \(error.localizedDescription)", entry: path,
            hint: "Check that the file exists and is readable."))
      }
    case .data(let data)?: return data
    case nil:
      throw DiagnosticError(
        .error(
          "entry-missing", "\(location.lastPathComponent) has no file for \(path)", entry: path,
          hint: "Restore the file, or unpack the solution again."))
    }
  }

  public func writerSource(_ path: String) throws -> ZipWriter.Source {
    switch origins[path] {
    case .file(let url, _)?: return .file(url)
    case .data(let data)?: return .data(data)
    case nil: return .data(try read(path))
    }
  }
}

/// Lists the regular files under a folder with '/'-separated relative paths.
/// Symbolic links are refused (they could pull files from outside the folder into
/// an archive); dot-files such as `.gitkeep` are left out.
enum FolderWalker {
  struct File {
    var path: String
    var url: URL
    var size: UInt64
  }

  static func files(in folder: URL) throws -> [File] {
    let keys: [URLResourceKey] = [.isRegularFileKey, .isSymbolicLinkKey, .fileSizeKey]
    guard
      let enumerator = FileManager.default.enumerator(
        at: folder, includingPropertiesForKeys: keys, options: [])
    else {
      throw DiagnosticError(
        .error(
          "read-failed", "could not list \(folder.path)", entry: folder.lastPathComponent,
          hint: "Check the folder's permissions."))
    }
    let base = folder.standardizedFileURL.resolvingSymlinksInPath().path
    var files: [File] = []
    for case let url as URL in enumerator {
      let values = try url.resourceValues(forKeys: Set(keys))
      let full = url.standardizedFileURL.path
      let relative = relativePath(full, base: base, fallback: url, folder: folder)
      if url.lastPathComponent.hasPrefix(".") {
        if values.isSymbolicLink != true,
          (try? url.resourceValues(forKeys: [.isDirectoryKey]))?
            .isDirectory == true
        {
          enumerator.skipDescendants()
        }
        continue
      }
      if values.isSymbolicLink == true {
        throw DiagnosticError(
          .error(
            "pack-symlink-refused", "\(relative) is a symbolic link", entry: relative,
            hint: "Replace the link with the file itself; solpack never follows links when packing."
          ))
      }
      guard values.isRegularFile == true else { continue }
      files.append(File(path: relative, url: url, size: UInt64(values.fileSize ?? 0)))
    }
    return files.sorted { $0.path < $1.path }
  }

  private static func relativePath(_ full: String, base: String, fallback: URL, folder: URL)
    -> String
  {
    let resolved = fallback.resolvingSymlinksInPath().path
    for candidate in [full, resolved] where candidate.hasPrefix(base + "/") {
      return String(candidate.dropFirst(base.count + 1))
    }
    let plain = folder.standardizedFileURL.path
    if full.hasPrefix(plain + "/") { return String(full.dropFirst(plain.count + 1)) }
    return fallback.lastPathComponent
  }
}
