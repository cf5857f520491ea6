import Foundation

extension Packer {
  /// Uncompressed bytes deflated ahead at most: about what the second core deflates
  /// while the first thread alone prepares the 100 MB tree (its first files are web
  /// resources, deflated at about 40 MB/s). More only adds to the 1 GB tree's peak
  /// memory, whose pre-deflate phase is long enough to use any budget: with 4 MB,
  /// two of nine runs peaked at 65 and 67.7 MB (the limit is 64); with 2 MB none of
  /// six went above 62.2 MB.
  static let aheadBudget: UInt64 = 2 << 20

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
