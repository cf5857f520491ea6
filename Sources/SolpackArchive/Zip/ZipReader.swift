import Foundation

/// Reads a zip archive through its central directory, validating every entry up front.
/// Entry data is read with `pread` only when asked for, so the archive is never loaded
/// whole, and several threads may read entries at the same time.
public final class ZipReader: Sendable {
  /// Chunk size for reading compressed data and for `stream` output.
  static let chunkSize = 256 << 10

  public let url: URL
  public let limits: ZipLimits
  /// Central-directory order, directory entries included.
  public let entries: [ZipEntry]
  private let file: RandomAccessFile
  private let index: [String: Int]
  /// Offset of the central directory: entry data must end before it.
  private let dataLimit: UInt64
  /// Local header offset → where the entry's bytes must end (the next local header).
  private let dataEnds: [UInt64: UInt64]

  /// Opens and validates `url`. Throws `DiagnosticError` (`zip-not-an-archive`,
  /// `zip-unsafe-path`, `zip-too-many-entries`, …) when the archive is unusable.
  public init(url: URL, limits: ZipLimits = .default) throws {
    self.url = url
    self.limits = limits
    file = try RandomAccessFile(url: url)
    let end = try ZipEndRecord.locate(in: file)
    dataLimit = end.centralDirectoryOffset
    let (dataLimit, archive) = (dataLimit, file.name)
    (entries, (dataEnds, index)) = try ZipCentralDirectory.read(file, end: end, limits: limits) {
      entries in
      var index: [String: Int] = [:]
      index.reserveCapacity(entries.count)
      for (position, entry) in entries.enumerated() { index[entry.path] = position }
      return (try ZipEntryLayout.dataEnds(entries, dataLimit: dataLimit, archive: archive), index)
    }
  }

  public func entry(named name: String) -> ZipEntry? {
    index[name].map { entries[$0] }
  }

  /// The whole decompressed entry, CRC and size checked.
  public func read(_ entry: ZipEntry) throws -> Data {
    var data = Data()
    data.reserveCapacity(Int(entry.uncompressedSize))
    try stream(entry) { data.append(contentsOf: $0) }
    return data
  }

  /// Decompresses `entry` in chunks of at most 256 KiB, in constant memory. CRC and size
  /// are checked at the end, so `body` may have seen data by the time this throws.
  public func stream(_ entry: ZipEntry, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
    var position = try dataOffset(of: entry)
    var remaining = entry.compressedSize
    // No more than the entry holds: most entries are a few KiB.
    let input = UnsafeMutableRawBufferPointer.allocate(
      byteCount: Int(min(max(remaining, 1), UInt64(Self.chunkSize))), alignment: 16)
    defer { input.deallocate() }
    var crc = CRC32()
    let inflater =
      entry.method == ZipFormat.methodDeflate
      ? try Inflater(limit: entry.uncompressedSize, entry: entry.path) : nil
    var produced: UInt64 = 0
    while remaining > 0 && !(inflater?.finished ?? false) {
      let count = Int(min(remaining, UInt64(Self.chunkSize)))
      let chunk = UnsafeMutableRawBufferPointer(rebasing: input[0..<count])
      do {
        try file.read(into: chunk, at: position)
      } catch is RandomAccessFile.ShortRead {
        throw ZipError.truncated(
          entry.path, "entry \(ZipError.quoted(entry.path)) is cut short at offset \(position)")
      }
      position += UInt64(count)
      remaining -= UInt64(count)
      if let inflater {
        try inflater.process(UnsafeRawBufferPointer(chunk)) { output in
          crc.update(output)
          try body(output)
        }
        produced = inflater.produced
      } else {
        produced += UInt64(count)
        crc.update(UnsafeRawBufferPointer(chunk))
        try body(UnsafeRawBufferPointer(chunk))
      }
    }
    if let inflater, !inflater.finished {
      if entry.compressedSize == 0 && entry.uncompressedSize == 0 {
        // Some writers store an empty deflate entry with no data at all.
      } else {
        throw ZipError.corrupt(
          entry.path,
          "entry \(ZipError.quoted(entry.path)): deflate data ends after \(entry.compressedSize)"
            + " bytes without an end-of-stream marker")
      }
    }
    try verify(entry, produced: produced, crc: crc.value)
  }

  private func verify(_ entry: ZipEntry, produced: UInt64, crc: UInt32) throws {
    var name: String { ZipError.quoted(entry.path) }
    guard produced == entry.uncompressedSize else {
      throw ZipError.make(
        "zip-size-mismatch",
        "entry \(name) has \(produced) bytes of data, but the central directory declares "
          + "\(entry.uncompressedSize)", entry: entry.path,
        hint: "The archive is damaged or its headers lie; export it again.")
    }
    guard crc == entry.crc32 else {
      throw ZipError.make(
        "zip-crc-mismatch",
        "entry \(name) has CRC-32 \(hex(crc)), but the central directory declares "
          + "\(hex(entry.crc32))", entry: entry.path,
        hint: "The archive is damaged; export or download it again.")
    }
  }

  /// Checks the local header against the central record and returns where data starts.
  private func dataOffset(of entry: ZipEntry) throws -> UInt64 {
    var name: String { ZipError.quoted(entry.path) }
    let offset = entry.localHeaderOffset
    let fixedSize = ZipFormat.localHeaderSize
    do {
      var header = ByteReader(try file.bytes(at: offset, count: fixedSize))
      guard try header.u32() == ZipFormat.localHeaderSignature else {
        throw ZipError.corrupt(entry.path, "entry \(name): no local header at offset \(offset)")
      }
      try header.skip(2)  // version needed
      let flags = try header.u16(), method = try header.u16()
      try header.skip(2 + 2 + 4 + 4 + 4)  // time, date, crc, sizes: central values rule
      let nameLength = Int(try header.u16()), extraLength = Int(try header.u16())
      let rawName = try file.bytes(at: offset + UInt64(fixedSize), count: nameLength)
      guard rawName == entry.rawName else {
        let local = ZipNameCodec.decode(rawName, flags: flags) ?? "<invalid UTF-8>"
        throw ZipError.headerMismatch(
          entry.path,
          "local header name \(ZipError.quoted(local)) differs from central directory name \(name)")
      }
      guard method == entry.method, flags & ZipFormat.flagEncrypted == 0 else {
        throw ZipError.headerMismatch(
          entry.path,
          "entry \(name): local header (method \(method), flags \(hex(UInt32(flags)))) "
            + "disagrees with the central directory (method \(entry.method))")
      }
      let start = offset + UInt64(fixedSize + nameLength + extraLength)
      guard start + entry.compressedSize <= dataLimit else {
        throw ZipError.corrupt(
          entry.path, "entry \(name): data at offset \(start) runs into the central directory")
      }
      guard start + entry.compressedSize <= dataEnds[offset] ?? dataLimit else {
        throw ZipError.overlapping(
          entry.path,
          "entry \(name): data at offset \(start) runs into the next entry's local header")
      }
      return start
    } catch is RandomAccessFile.ShortRead {
      throw ZipError.truncated(
        entry.path, "entry \(name): local header at offset \(offset) is cut short")
    }
  }

  private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
  }
}
