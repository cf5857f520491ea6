import Foundation

extension Packer {
  /// Uncompressed bytes deflated ahead at most: more than the second core can do while
  /// the first prepares a 100 MB tree, small enough that the compressed results held
  /// until the writer starts barely show in memory.
  static let aheadBudget: UInt64 = 8 << 20

  /// Starts deflating the files that come first in the archive and that pack keeps as
  /// they are. The leading entries may be rewritten (`--packagetype`, a regenerated
  /// `[Content_Types].xml`, the re-inlined customizations.xml), so they are left out;
  /// an env var values file pack redacts is replaced by bytes, and the writer takes a
  /// result only for an entry that is still the same file.
  static func deflateAhead(_ origins: [String: FolderSource.Origin], level: Int32) -> DeflateAhead {
    var files: [DeflateAhead.File] = []
    for path in order(Array(origins.keys)) where !leadingEntries.contains(path) {
      guard case .file(let location, let size) = origins[path],
        size <= ZipWriter.streamingThreshold
      else { continue }
      files.append(DeflateAhead.File(path: path, location: location, size: size))
    }
    return DeflateAhead(files: files, level: level, budget: aheadBudget)
  }
}
