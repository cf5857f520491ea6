import Foundation
import SolpackModel

/// Entries backed by files on disk or by bytes solpack built (a re-inlined
/// customizations.xml, a generated `[Content_Types].xml`).
public struct FolderSource: SolutionSource {
  public enum Origin: Sendable {
    /// A file by its absolute path.
    case file(String, size: UInt64)
    case data(Data)
  }

  public let location: URL
  public let entries: [SourceEntry]
  public let diagnostics: [Diagnostic]
  public let essentialCustomizations: XMLFile?
  let origins: [String: Origin]
  /// Files already being deflated for pack (`Packer.pack(folder:)`), nil otherwise.
  let ahead: DeflateAhead?

  init(url: URL, files: [FolderWalker.File], deflateAhead level: Int32? = nil) throws {
    var origins: [String: Origin] = [:]
    for file in files { origins[file.path] = .file(file.location, size: file.size) }
    self.init(
      location: url, origins: origins, diagnostics: [],
      ahead: level.map { Packer.deflateAhead(origins, level: $0) })
  }

  public init(
    location: URL, origins: [String: Origin], diagnostics: [Diagnostic],
    essentialCustomizations: XMLFile? = nil
  ) {
    self.init(
      location: location, origins: origins, diagnostics: diagnostics,
      essentialCustomizations: essentialCustomizations, ahead: nil)
  }

  init(
    location: URL, origins: [String: Origin], diagnostics: [Diagnostic],
    essentialCustomizations: XMLFile? = nil, ahead: DeflateAhead?
  ) {
    self.location = location
    self.origins = origins
    self.diagnostics = diagnostics
    self.essentialCustomizations = essentialCustomizations
    self.ahead = ahead
    entries = origins.map { path, origin in
      switch origin {
      case .file(_, let size): SourceEntry(path: path, size: size)
      case .data(let data): SourceEntry(path: path, size: UInt64(data.count))
      }
    }.sorted { $0.path < $1.path }
  }

  public func read(_ path: String) throws -> Data {
    switch origins[path] {
    case .file(let location, _)?:
      do {
        return try Data(contentsOf: URL(fileURLWithPath: location, isDirectory: false))
      } catch {
        throw DiagnosticError(
          .error(
            "read-failed", "could not read \(location): \(error.localizedDescription)", entry: path,
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
    case .file(let location, let size)?: return .file(location, size: size)
    case .data(let data)?: return .data(data)
    case nil: return .data(try read(path))
    }
  }
}
