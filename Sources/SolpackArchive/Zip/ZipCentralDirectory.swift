/// Reads and validates every central-directory record. All policy (safe names, no
/// duplicates, no encryption, supported methods, bomb limits) is enforced here, at open
/// time, before a single byte of entry data is inflated.
enum ZipCentralDirectory {
  /// Reads every record, then checks them and runs `meanwhile` on them at the same time,
  /// one on each core: the checks were half of opening an archive of 11,000 entries, with
  /// the second core idle. A failed check is thrown before any error of `meanwhile`,
  /// which must therefore not trust the entries (no trap on their sizes and offsets).
  static func read<T: Sendable>(
    _ file: RandomAccessFile, end: ZipEndRecord, limits: ZipLimits,
    meanwhile: @escaping @Sendable ([ZipEntry]) throws -> T
  ) throws -> (entries: [ZipEntry], T) {
    guard end.entryCount <= UInt64(max(0, limits.maxEntryCount)) else {
      throw ZipError.make(
        "zip-too-many-entries",
        "\(file.name) declares \(end.entryCount) entries; the limit is \(limits.maxEntryCount)",
        entry: file.name,
        hint: "Suspected archive bomb; raise the limit (--max-entries) if the archive is trusted.")
    }
    var records = SequentialReader(
      file: file, position: end.centralDirectoryOffset,
      end: end.centralDirectoryOffset + end.centralDirectorySize)
    let validator = ZipEntryValidator(
      archive: file.name, limits: limits, dataLimit: end.centralDirectoryOffset)
    var entries: [ZipEntry] = []
    entries.reserveCapacity(Int(end.entryCount))
    do {
      for index in 0..<Int(end.entryCount) {
        entries.append(try readRecord(&records, index: index, archive: file.name))
      }
    } catch {
      // A record before the unreadable one that breaks a rule is reported first, as
      // when each record was checked as soon as it was read.
      var validator = validator
      for entry in entries { try validator.check(entry) }
      throw error
    }
    let read = entries
    // Part 0 checks, so its error is the one thrown when both fail.
    let results = try ParallelWork.map(count: 2, concurrency: 2) { part -> T? in
      guard part == 0 else { return try meanwhile(read) }
      var validator = validator
      for entry in read { try validator.check(entry) }
      try validator.checkFolders(read)
      return nil
    }
    return (entries, results[1]!)
  }

  private static func readRecord(
    _ records: inout SequentialReader, index: Int, archive: String
  ) throws -> ZipEntry {
    let label = "central directory record #\(index + 1)"
    func corrupt(_ message: String) -> Error { ZipError.corrupt(archive, "\(label) \(message)") }
    var fixed = ByteReader(
      try records.take(ZipFormat.centralHeaderSize, else: corrupt("runs past the directory end")))
    guard try fixed.u32() == ZipFormat.centralHeaderSignature else {
      throw corrupt("has a bad signature")
    }
    let versionMadeBy = try fixed.u16()
    _ = try fixed.u16()  // version needed: we check features (method, flags) directly
    let flags = try fixed.u16(), method = try fixed.u16()
    let dosTime = try fixed.u16(), dosDate = try fixed.u16()
    let crc = try fixed.u32()
    let compressed32 = try fixed.u32(), uncompressed32 = try fixed.u32()
    let nameLength = Int(try fixed.u16()), extraLength = Int(try fixed.u16())
    let commentLength = Int(try fixed.u16())
    let disk16 = try fixed.u16()
    _ = try fixed.u16()  // internal attributes
    let externalAttributes = try fixed.u32(), offset32 = try fixed.u32()
    let variable = try records.take(
      nameLength + extraLength + commentLength, else: corrupt("runs past the directory end"))
    let rawName = Array(variable[0..<nameLength])
    guard let path = ZipNameCodec.decode(rawName, flags: flags) else {
      throw corrupt("has a name that is not valid UTF-8 although flag 0x0800 says it is")
    }
    var zip64 = Zip64Fields(
      uncompressed: UInt64(uncompressed32), compressed: UInt64(compressed32),
      offset: UInt64(offset32), disk: UInt32(disk16))
    do {
      try zip64.apply(extra: Array(variable[nameLength..<nameLength + extraLength]))
    } catch {
      throw ZipError.zip64(
        path,
        "entry \(ZipError.quoted(path)) has a ZIP64 extra field too short for the values "
          + "its header marks as 0xFFFFFFFF")
    }
    guard zip64.disk == 0 else {
      throw ZipError.make(
        "zip-multi-disk", "entry \(ZipError.quoted(path)) lives on disk \(zip64.disk)",
        entry: path, hint: "Join the parts of the split archive into a single .zip first.")
    }
    return ZipEntry(
      path: path, method: method, flags: flags, crc32: crc, compressedSize: zip64.compressed,
      uncompressedSize: zip64.uncompressed, localHeaderOffset: zip64.offset,
      versionMadeBy: versionMadeBy, externalAttributes: externalAttributes, dosTime: dosTime,
      dosDate: dosDate, rawName: rawName)
  }
}

/// Central-directory values that may be replaced by the ZIP64 extra field (0x0001), which
/// holds, in this order, only the values whose classic field is all ones.
struct Zip64Fields {
  var uncompressed: UInt64
  var compressed: UInt64
  var offset: UInt64
  var disk: UInt32

  /// Throws when a value marked 0xFFFFFFFF has no ZIP64 field to come from: taking the
  /// marker as the size would make the entry "4 GiB" on a lie.
  mutating func apply(extra: [UInt8]) throws {
    let needed =
      uncompressed == UInt64(ZipFormat.max32) || compressed == UInt64(ZipFormat.max32)
      || offset == UInt64(ZipFormat.max32) || disk == UInt32(ZipFormat.max16)
    var reader = ByteReader(extra)
    while reader.remaining >= 4 {
      let id = try reader.u16(), size = Int(try reader.u16())
      var field = ByteReader(try reader.take(size))
      guard id == ZipFormat.zip64ExtraID else { continue }
      if uncompressed == UInt64(ZipFormat.max32) { uncompressed = try field.u64() }
      if compressed == UInt64(ZipFormat.max32) { compressed = try field.u64() }
      if offset == UInt64(ZipFormat.max32) { offset = try field.u64() }
      if disk == UInt32(ZipFormat.max16) { disk = try field.u32() }
      return
    }
    if needed { throw ByteReader.OutOfBounds() }
  }
}

/// Buffered forward reader over the central directory, never reading past `end`.
struct SequentialReader {
  let file: RandomAccessFile
  var position: UInt64
  let end: UInt64
  private var buffer: [UInt8] = []
  private var bufferStart: UInt64 = 0

  init(file: RandomAccessFile, position: UInt64, end: UInt64) {
    self.file = file
    self.position = position
    self.end = end
  }

  mutating func take(_ count: Int, else failure: @autoclosure () -> Error) throws -> [UInt8] {
    guard UInt64(count) <= end - position else { throw failure() }
    let startInBuffer = Int(clamping: position &- bufferStart)
    if position < bufferStart || startInBuffer + count > buffer.count {
      // Refill: at least 256 KiB (or `count`), but not past the directory end.
      let length = Int(min(end - position, UInt64(max(count, 256 << 10))))
      do {
        buffer = try file.bytes(at: position, count: length)
      } catch is RandomAccessFile.ShortRead {
        throw ZipError.truncated(
          file.name, "\(file.name): central directory is cut short at offset \(position)")
      }
      bufferStart = position
    }
    let start = Int(position - bufferStart)
    position += UInt64(count)
    return Array(buffer[start..<start + count])
  }
}
