import Foundation

extension Packer {
  /// Uncompressed bytes deflated ahead at most: about what the second core deflates
  /// while the first prepares the 100 MB tree (its first files are web resources,
  /// deflated at about 40 MB/s). 8 MB added 1–3 MB to the 1 GB tree's peak, whose
  /// pre-deflate phase is long enough to use any budget; 4 MB left it where it was
  /// (61.2–62.2 MB in three runs).
  static let aheadBudget: UInt64 = 4 << 20

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
