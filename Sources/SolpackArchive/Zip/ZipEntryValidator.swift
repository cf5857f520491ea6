import Foundation
import SolpackModel

/// Open-time policy for each central-directory entry, plus the running totals that the
/// archive-wide limits need.
struct ZipEntryValidator {
  let archive: String
  let limits: ZipLimits
  /// Entry data must end before the central directory starts.
  let dataLimit: UInt64
  /// Names as a case-insensitive, normalization-insensitive file system sees them.
  /// Two names with one key are the same name given twice when their bytes are equal
  /// (Swift's String equality would already merge "é" and "é"), else a collision.
  private var folded: [String: String] = [:]
  /// Each checked entry's folded name, in order, for `checkFolders`.
  private var keys: [String] = []
  /// Whether every name checked so far is ASCII.
  private var allASCII = true
  private var total: UInt64 = 0

  init(archive: String, limits: ZipLimits, dataLimit: UInt64) {
    self.archive = archive
    self.limits = limits
    self.dataLimit = dataLimit
  }

  /// Names are quoted (`ZipError.quoted`) only for a message: quoting every name cost
  /// 3 % of a 10,000-component import.
  mutating func check(_ entry: ZipEntry) throws {
    let path = entry.path
    try ZipPathPolicy.validate(path)
    let ascii = path.isASCII
    allASCII = allASCII && ascii
    let key = ascii ? path.lowercasedName : Self.fold(path)
    keys.append(key)
    if let other = folded.updateValue(path, forKey: key) {
      if other.utf8.elementsEqual(path.utf8) {
        throw ZipError.make(
          "zip-duplicate-entry",
          "entry \(ZipError.quoted(path)) appears more than once in \(archive)",
          entry: path, hint: "Remove the duplicate entries; which copy wins would be ambiguous.")
      }
      throw ZipError.make(
        "zip-case-collision",
        "entries \(ZipError.quoted(other)) and \(ZipError.quoted(path)) name the same file on a case-insensitive "
          + "file system (Windows, macOS)", entry: path,
        hint: "Rename one of them: unpacked there, one would overwrite the other.")
    }
    try checkFileType(entry)
    if entry.flags & ZipFormat.flagEncrypted != 0 {
      throw ZipError.make(
        "zip-encrypted-entry",
        "entry \(ZipError.quoted(path)) is encrypted (general purpose flag bit 0)",
        entry: path, hint: "Solution archives are never encrypted; export the solution again.")
    }
    guard entry.method == ZipFormat.methodStored || entry.method == ZipFormat.methodDeflate
    else {
      throw ZipError.make(
        "zip-unsupported-method",
        "entry \(ZipError.quoted(path)) uses compression method \(entry.method); only 0 (stored) and 8 (deflate) "
          + "are supported", entry: path,
        hint: "Re-create the archive with deflate compression.")
    }
    try checkSizes(entry)
    try checkLimits(entry)
  }

  /// Unix symlinks, devices and FIFOs: extracting them (as unzip does) can point later
  /// writes outside the folder. Solution archives only hold files and folders.
  private func checkFileType(_ entry: ZipEntry) throws {
    var name: String { ZipError.quoted(entry.path) }
    guard entry.versionMadeBy >> 8 == ZipFormat.hostUnix else { return }
    let type = (entry.externalAttributes >> 16) & 0o170000
    if type == 0o120000 {
      throw ZipError.make(
        "zip-symlink-entry", "entry \(name) is a symbolic link", entry: entry.path,
        hint: "Solution archives never hold links; do not extract this archive with other tools.")
    }
    if type != 0 && type != 0o100000 && type != 0o040000 {
      throw ZipError.make(
        "zip-special-entry",
        "entry \(name) is a Unix special file (mode \(String(type, radix: 8)))", entry: entry.path,
        hint: "Solution archives only hold files and folders; do not trust this archive.")
    }
  }

  /// After the last entry: no name may be both a file and a folder ("a" and "a/b").
  /// `entries` are the ones `check` saw, in the same order. Each folder an entry needs is
  /// a prefix ending before a '/', looked up longest first; an ASCII name's folded
  /// prefix is the prefix of its folded name, so only other names fold each prefix.
  func checkFolders(_ entries: [ZipEntry]) throws {
    precondition(entries.count == keys.count, "checkFolders needs the entries check saw")
    guard mayHaveConflict(entries) else { return }
    var files: [String: String] = [:]
    for (entry, key) in zip(entries, keys) where !entry.isDirectory { files[key] = entry.path }
    for (entry, key) in zip(entries, keys) {
      for folder in Self.folders(of: entry, folded: key) {
        guard let file = files[folder] else { continue }
        throw ZipError.make(
          "zip-path-conflict",
          "entry \(ZipError.quoted(entry.path)) needs a folder where entry "
            + "\(ZipError.quoted(file)) is a file", entry: entry.path,
          hint: "An archive cannot hold both; one entry would replace or redirect the other.")
      }
    }
  }

  /// False when no entry lies under a name that is a file. The names under a file F
  /// are those that start with "F/", and in byte order they come together: one sorted
  /// list and a binary search per file, where looking up every folder of every entry
  /// was a third of opening an archive of 11,253 entries. Only for ASCII names (whose
  /// folded folders are prefixes of their folded names); true sends the caller to the
  /// lookup, which names the first conflict in archive order.
  private func mayHaveConflict(_ entries: [ZipEntry]) -> Bool {
    guard allASCII else { return true }
    guard !keys.isEmpty else { return false }
    // Every folded name's bytes in one buffer: comparing and joining Strings cost more
    // than the lookup this replaces.
    var bytes: [UInt8] = []
    var ranges: [Range<Int>] = []
    ranges.reserveCapacity(keys.count)
    for var key in keys {
      key.withUTF8 {
        ranges.append(bytes.count..<bytes.count + $0.count); bytes += $0
      }
    }
    return bytes.withUnsafeBufferPointer { bytes in
      let base = bytes.baseAddress!
      /// memcmp order of the names at `a` and `b`, the first cut to `limit` bytes.
      func compare(_ a: Range<Int>, _ b: Range<Int>, limit: Int = .max) -> Int {
        let left = min(a.count, limit)
        let order = memcmp(base + a.lowerBound, base + b.lowerBound, min(left, b.count))
        return order != 0 ? Int(order) : left - b.count
      }
      let sorted = ranges.sorted { compare($0, $1) < 0 }
      let slash = UInt8(ascii: "/")
      for (entry, file) in zip(entries, ranges) where !entry.isDirectory {
        // The first name that is not before "F/": it starts with "F/" exactly when
        // any name does. A name is before "F/" when its first bytes are before F, or
        // are F followed by nothing or by a byte before '/'.
        var low = 0
        var high = sorted.count
        while low < high {
          let middle = (low + high) / 2
          let other = sorted[middle]
          let order = compare(other, file, limit: file.count)
          let before =
            order != 0
            ? order < 0 : other.count == file.count || bytes[other.lowerBound + file.count] < slash
          if before { low = middle + 1 } else { high = middle }
        }
        guard low < sorted.count else { continue }
        let first = sorted[low]
        if first.count > file.count && bytes[first.lowerBound + file.count] == slash
          && compare(first, file, limit: file.count) == 0
        {
          return true
        }
      }
      return false
    }
  }

  /// The folded names of the folders `entry` lies in (a directory entry: itself too),
  /// innermost first.
  private static func folders(of entry: ZipEntry, folded key: String) -> [String] {
    let slash = UInt8(ascii: "/")
    guard entry.path.isASCII else {
      let segments = entry.path.split(separator: "/")
      let own = entry.isDirectory ? segments.count : segments.count - 1
      return stride(from: own, to: 0, by: -1).map {
        fold(segments[0..<$0].joined(separator: "/"))
      }
    }
    // Byte offsets, not String.Index: walking the UTF8View index by index was most of
    // the time spent here.
    var key = key
    return key.withUTF8 { bytes in
      var result: [String] = []
      var offset = bytes.count - 1
      while offset > 0 {
        if bytes[offset] == slash {
          result.append(
            String(decoding: UnsafeBufferPointer(rebasing: bytes[..<offset]), as: UTF8.self))
        }
        offset -= 1
      }
      return result
    }
  }

  /// Lower case, Unicode canonical composition: "Ä.xml", "ä.xml" and "ä.xml" with a
  /// decomposed accent are one file on Windows and macOS.
  /// An ASCII name is already composed and lowercases byte by byte; Foundation's
  /// normalization cost 170,000 instructions per name, a tenth of a 10,000-entry import.
  static func fold(_ path: String) -> String {
    path.isASCII ? path.lowercasedName : path.precomposedStringWithCanonicalMapping.lowercased()
  }

  private func checkSizes(_ entry: ZipEntry) throws {
    var name: String { ZipError.quoted(entry.path) }
    if entry.isDirectory && entry.uncompressedSize != 0 {
      throw ZipError.corrupt(
        entry.path, "directory entry \(name) declares \(entry.uncompressedSize) bytes of data")
    }
    if entry.method == ZipFormat.methodStored && entry.compressedSize != entry.uncompressedSize {
      throw ZipError.corrupt(
        entry.path,
        "stored entry \(name) declares \(entry.compressedSize) compressed but "
          + "\(entry.uncompressedSize) uncompressed bytes")
    }
    // Local header (30 bytes + the same name) and data must lie before the directory.
    let headerEnd = UInt64(ZipFormat.localHeaderSize + entry.rawName.count)
    let (start, overflowA) = entry.localHeaderOffset.addingReportingOverflow(headerEnd)
    let (end, overflowB) = start.addingReportingOverflow(entry.compressedSize)
    guard !overflowA, !overflowB, end <= dataLimit else {
      throw ZipError.corrupt(
        entry.path,
        "entry \(name) (local header at offset \(entry.localHeaderOffset), "
          + "\(entry.compressedSize) compressed bytes) overlaps the central directory at "
          + "offset \(dataLimit)")
    }
  }

  private mutating func checkLimits(_ entry: ZipEntry) throws {
    var name: String { ZipError.quoted(entry.path) }
    let size = entry.uncompressedSize
    guard size <= limits.maxEntryUncompressedSize else {
      throw ZipError.make(
        "zip-entry-too-large",
        "entry \(name) declares \(size) bytes uncompressed; the limit is "
          + "\(limits.maxEntryUncompressedSize)", entry: entry.path,
        hint: "Suspected archive bomb; raise ZipLimits.maxEntryUncompressedSize if trusted.")
    }
    let (sum, overflow) = total.addingReportingOverflow(size)
    guard !overflow, sum <= limits.maxTotalUncompressedSize else {
      throw ZipError.make(
        "zip-total-too-large",
        "\(archive) would inflate to more than \(limits.maxTotalUncompressedSize) bytes "
          + "(reached at entry \(name), \(size) bytes)", entry: entry.path,
        hint: "Suspected archive bomb; raise ZipLimits.maxTotalUncompressedSize if trusted.")
    }
    total = sum
    if size > ZipFormat.ratioCheckThreshold {
      let (allowed, big) = max(entry.compressedSize, 1).multipliedReportingOverflow(
        by: limits.maxCompressionRatio)
      if !big && size > allowed {
        let ratio = size / max(entry.compressedSize, 1)
        throw ZipError.make(
          "zip-compression-ratio",
          "entry \(name) inflates \(entry.compressedSize) bytes to \(size) (ratio \(ratio):1, "
            + "limit \(limits.maxCompressionRatio):1)", entry: entry.path,
          hint: "Suspected archive bomb; raise ZipLimits.maxCompressionRatio if trusted.")
      }
    }
  }
}
