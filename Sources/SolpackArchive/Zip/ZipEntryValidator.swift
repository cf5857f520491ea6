/// Open-time policy for each central-directory entry, plus the running totals that the
/// archive-wide limits need.
struct ZipEntryValidator {
  let archive: String
  let limits: ZipLimits
  /// Entry data must end before the central directory starts.
  let dataLimit: UInt64
  private var seen: Set<String> = []
  private var total: UInt64 = 0

  init(archive: String, limits: ZipLimits, dataLimit: UInt64) {
    self.archive = archive
    self.limits = limits
    self.dataLimit = dataLimit
  }

  mutating func check(_ entry: ZipEntry) throws {
    let path = entry.path
    var name: String { ZipError.quoted(path) }
    try ZipPathPolicy.validate(path)
    guard seen.insert(path).inserted else {
      throw ZipError.make(
        "zip-duplicate-entry", "entry \(name) appears more than once in \(archive)",
        entry: path, hint: "Remove the duplicate entries; which copy wins would be ambiguous.")
    }
    if entry.flags & ZipFormat.flagEncrypted != 0 {
      throw ZipError.make(
        "zip-encrypted-entry", "entry \(name) is encrypted (general purpose flag bit 0)",
        entry: path, hint: "Solution archives are never encrypted; export the solution again.")
    }
    guard entry.method == ZipFormat.methodStored || entry.method == ZipFormat.methodDeflate
    else {
      throw ZipError.make(
        "zip-unsupported-method",
        "entry \(name) uses compression method \(entry.method); only 0 (stored) and 8 (deflate) "
          + "are supported", entry: path,
        hint: "Re-create the archive with deflate compression.")
    }
    try checkSizes(entry)
    try checkLimits(entry)
  }

  private func checkSizes(_ entry: ZipEntry) throws {
    // Quoted only when a message needs it: every entry passes through here.
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
