/// Where each entry's bytes may lie: from its local header to the next entry's local
/// header (or the central directory). Entries that share bytes are the "non-recursive zip
/// bomb" (one deflate stream counted many times), so no two may overlap.
enum ZipEntryLayout {
  /// Local header offset → the offset its data must end by. Throws
  /// `zip-overlapping-entries` when one entry's header and name (the least it occupies)
  /// reach into the next one's.
  static func dataEnds(_ entries: [ZipEntry], dataLimit: UInt64, archive: String) throws
    -> [UInt64: UInt64]
  {
    let sorted = entries.sorted { $0.localHeaderOffset < $1.localHeaderOffset }
    var ends: [UInt64: UInt64] = [:]
    for (index, entry) in sorted.enumerated() {
      let next = index + 1 < sorted.count ? sorted[index + 1] : nil
      let end = next?.localHeaderOffset ?? dataLimit
      // Worked out while the entries are validated (`ZipCentralDirectory.read`), so an
      // overflow is possible here; validation then fails and its error is the one thrown.
      let header = entry.localHeaderOffset.addingReportingOverflow(
        UInt64(ZipFormat.localHeaderSize + entry.rawName.count))
      let least = header.partialValue.addingReportingOverflow(entry.compressedSize)
      if let next, header.overflow || least.overflow || least.partialValue > end {
        throw ZipError.overlapping(
          next.path,
          "entries \(ZipError.quoted(entry.path)) and \(ZipError.quoted(next.path)) share bytes "
            + "(local headers at offsets \(entry.localHeaderOffset) and \(next.localHeaderOffset))")
      }
      ends[entry.localHeaderOffset] = end
    }
    return ends
  }
}
