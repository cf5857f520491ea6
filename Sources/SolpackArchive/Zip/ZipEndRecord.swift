import SolpackModel

/// Where the central directory is, from the End Of Central Directory record (and its
/// ZIP64 counterpart when the classic fields overflow).
struct ZipEndRecord {
  var entryCount: UInt64
  var centralDirectoryOffset: UInt64
  var centralDirectorySize: UInt64
  /// Offset of the first record after the central directory (ZIP64 EOCD or EOCD).
  var centralDirectoryLimit: UInt64
  var isZip64: Bool

  static func locate(in file: RandomAccessFile) throws -> ZipEndRecord {
    let name = file.name
    guard file.size > 0 else {
      throw ZipError.make(
        "zip-empty-file", "\(name) is empty (0 bytes)", entry: name,
        hint: "The download or export did not finish; get the archive again.")
    }
    let longest = UInt64(ZipFormat.endOfCentralDirectorySize + ZipFormat.maxCommentSize)
    let tailLength = Int(min(file.size, longest))
    let tailStart = file.size - UInt64(tailLength)
    let tail = try file.bytes(at: tailStart, count: tailLength)
    guard let position = findSignature(in: tail) else {
      throw try missingEndRecord(file)
    }
    var reader = ByteReader(tail, offset: position + 4)
    let disk = try reader.u16(), directoryDisk = try reader.u16()
    let entriesOnDisk = try reader.u16(), entries = try reader.u16()
    let size = try reader.u32(), offset = try reader.u32()
    let endOffset = tailStart + UInt64(position)
    var record = ZipEndRecord(
      entryCount: UInt64(entries), centralDirectoryOffset: UInt64(offset),
      centralDirectorySize: UInt64(size), centralDirectoryLimit: endOffset, isZip64: false)
    if endOffset >= UInt64(ZipFormat.zip64LocatorSize) {
      let locatorOffset = endOffset - UInt64(ZipFormat.zip64LocatorSize)
      let locator = try file.bytes(at: locatorOffset, count: ZipFormat.zip64LocatorSize)
      var locatorReader = ByteReader(locator)
      if try locatorReader.u32() == ZipFormat.zip64LocatorSignature {
        try record.applyZip64(locator: locator, locatorOffset: locatorOffset, file: file)
        return try record.checked(file)
      }
    }
    if disk != 0 || directoryDisk != 0 || entriesOnDisk != entries {
      throw multiDisk(name)
    }
    return try record.checked(file)
  }

  /// Last EOCD signature whose comment length reaches exactly the end of the file; failing
  /// that, the last signature whose comment fits (tolerates trailing junk).
  private static func findSignature(in tail: [UInt8]) -> Int? {
    var fallback: Int?
    var index = tail.count - ZipFormat.endOfCentralDirectorySize
    while index >= 0 {
      if tail[index] == 0x50, tail[index + 1] == 0x4b, tail[index + 2] == 0x05,
        tail[index + 3] == 0x06
      {
        let comment = Int(tail[index + 20]) | Int(tail[index + 21]) << 8
        let end = index + ZipFormat.endOfCentralDirectorySize + comment
        if end == tail.count { return index }
        if end < tail.count && fallback == nil { fallback = index }
      }
      index -= 1
    }
    return fallback
  }

  /// A file that starts like a zip but has no end record was cut short — unless its last
  /// central directory record ends exactly at the end of the file: then the directory is
  /// whole and only the end record was left out (or cut off on purpose).
  private static func missingEndRecord(_ file: RandomAccessFile) throws -> DiagnosticError {
    let head = try file.bytes(at: 0, count: Int(min(file.size, 4)))
    if head == [0x50, 0x4b, 0x03, 0x04], try centralRecordEndsFile(file) {
      return ZipError.make(
        "zip-end-record-missing",
        "\(file.name) has a central directory but no end of central directory record",
        entry: file.name,
        hint: "Without the end record no tool agrees where the directory is; export the "
          + "archive again.")
    }
    if head == [0x50, 0x4b, 0x03, 0x04] {
      return ZipError.truncated(
        file.name,
        "\(file.name) starts like a zip archive but has no end of central directory record "
          + "(\(file.size) bytes); the file is cut short")
    }
    return ZipError.notAnArchive(
      file.name, "\(file.name) is not a zip archive (no end of central directory record)")
  }

  /// Whether the last central directory signature in the tail starts a record that ends
  /// exactly at the end of the file.
  private static func centralRecordEndsFile(_ file: RandomAccessFile) throws -> Bool {
    let tailLength = Int(min(file.size, UInt64(ZipFormat.maxCommentSize + 1024)))
    let tail = try file.bytes(at: file.size - UInt64(tailLength), count: tailLength)
    var index = tail.count - ZipFormat.centralHeaderSize
    while index >= 0 {
      if tail[index] == 0x50, tail[index + 1] == 0x4b, tail[index + 2] == 0x01,
        tail[index + 3] == 0x02
      {
        func u16(_ at: Int) -> Int { Int(tail[index + at]) | Int(tail[index + at + 1]) << 8 }
        return index + ZipFormat.centralHeaderSize + u16(28) + u16(30) + u16(32) == tail.count
      }
      index -= 1
    }
    return false
  }

  private mutating func applyZip64(
    locator: [UInt8], locatorOffset: UInt64, file: RandomAccessFile
  ) throws {
    var reader = ByteReader(locator, offset: 4)
    let recordDisk = try reader.u32(), recordOffset = try reader.u64(), disks = try reader.u32()
    guard recordDisk == 0, disks <= 1 else { throw Self.multiDisk(file.name) }
    guard recordOffset <= locatorOffset,
      locatorOffset - recordOffset >= UInt64(ZipFormat.zip64EndOfCentralDirectorySize)
    else {
      throw ZipError.zip64(
        file.name, "ZIP64 end record offset \(recordOffset) is outside the archive")
    }
    var record = ByteReader(
      try file.bytes(at: recordOffset, count: ZipFormat.zip64EndOfCentralDirectorySize))
    guard try record.u32() == ZipFormat.zip64EndOfCentralDirectorySignature else {
      throw ZipError.zip64(file.name, "no ZIP64 end record at offset \(recordOffset)")
    }
    try record.skip(8 + 2 + 2)  // record size, version made by, version needed
    let disk = try record.u32(), directoryDisk = try record.u32()
    let entriesOnDisk = try record.u64(), entries = try record.u64()
    guard disk == 0, directoryDisk == 0, entriesOnDisk == entries else {
      throw Self.multiDisk(file.name)
    }
    entryCount = entries
    centralDirectorySize = try record.u64()
    centralDirectoryOffset = try record.u64()
    centralDirectoryLimit = recordOffset
    isZip64 = true
  }

  private func checked(_ file: RandomAccessFile) throws -> ZipEndRecord {
    let (end, overflow) = centralDirectoryOffset.addingReportingOverflow(centralDirectorySize)
    guard !overflow, end <= centralDirectoryLimit else {
      throw ZipError.corrupt(
        file.name,
        "central directory (offset \(centralDirectoryOffset), \(centralDirectorySize) bytes) "
          + "runs past its end record at offset \(centralDirectoryLimit)")
    }
    let (minimum, tooMany) = entryCount.multipliedReportingOverflow(
      by: UInt64(ZipFormat.centralHeaderSize))
    guard !tooMany, minimum <= centralDirectorySize || entryCount == 0 else {
      let message =
        "\(isZip64 ? "ZIP64 end record" : "end record") declares \(entryCount) entries, which "
        + "cannot fit in a \(centralDirectorySize)-byte central directory"
      throw isZip64 ? ZipError.zip64(file.name, message) : ZipError.corrupt(file.name, message)
    }
    return self
  }

  private static func multiDisk(_ name: String) -> DiagnosticError {
    ZipError.make(
      "zip-multi-disk", "\(name) is part of a split (multi-disk) archive", entry: name,
      hint: "Join the parts into a single .zip first.")
  }
}
