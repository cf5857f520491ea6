/// What the writer knows about one written entry; enough to emit its local header again
/// (streamed entries are patched) and its central-directory record.
struct ZipWrittenEntry {
  var name: [UInt8]
  var flags: UInt16
  var crc: UInt32
  var compressedSize: UInt64
  var uncompressedSize: UInt64
  var offset: UInt64
  /// Sizes go in ZIP64 extra fields (decided from the uncompressed size, before writing).
  var zip64Sizes: Bool
  /// Offset goes in the central ZIP64 extra field.
  var zip64Offset: Bool

  var version: UInt16 { zip64Sizes || zip64Offset ? ZipFormat.version45 : ZipFormat.version20 }
}

/// Encodes writer records. Everything not carried by `ZipWrittenEntry` is fixed so the
/// output is deterministic: deflate, MS-DOS host, no attributes, no comments.
struct ZipRecordEncoder {
  let dosTime: UInt16
  let dosDate: UInt16

  func localHeader(_ entry: ZipWrittenEntry) -> [UInt8] {
    var out = ByteWriter(capacity: ZipFormat.localHeaderSize + entry.name.count + 20)
    out.u32(ZipFormat.localHeaderSignature)
    out.u16(entry.version)
    sharedFields(entry, into: &out)
    out.u16(entry.zip64Sizes ? 20 : 0)
    out.append(entry.name)
    if entry.zip64Sizes {
      out.u16(ZipFormat.zip64ExtraID)
      out.u16(16)
      out.u64(entry.uncompressedSize)
      out.u64(entry.compressedSize)
    }
    return out.bytes
  }

  /// Flags through name length: the same bytes in the local and the central header.
  private func sharedFields(_ entry: ZipWrittenEntry, into out: inout ByteWriter) {
    out.u16(entry.flags)
    out.u16(ZipFormat.methodDeflate)
    out.u16(dosTime)
    out.u16(dosDate)
    out.u32(entry.crc)
    out.u32(entry.zip64Sizes ? ZipFormat.max32 : UInt32(entry.compressedSize))
    out.u32(entry.zip64Sizes ? ZipFormat.max32 : UInt32(entry.uncompressedSize))
    out.u16(UInt16(entry.name.count))
  }

  func centralHeader(_ entry: ZipWrittenEntry) -> [UInt8] {
    var extra = ByteWriter()
    if entry.zip64Sizes {
      extra.u64(entry.uncompressedSize)
      extra.u64(entry.compressedSize)
    }
    if entry.zip64Offset { extra.u64(entry.offset) }
    var out = ByteWriter(capacity: ZipFormat.centralHeaderSize + entry.name.count + 28)
    out.u32(ZipFormat.centralHeaderSignature)
    out.u16(entry.version)  // made by: host 0 (MS-DOS), same version as needed
    out.u16(entry.version)
    sharedFields(entry, into: &out)
    out.u16(extra.bytes.isEmpty ? 0 : UInt16(4 + extra.bytes.count))
    out.u16(0)  // comment length
    out.u16(0)  // disk number start
    out.u16(0)  // internal attributes
    out.u32(0)  // external attributes
    out.u32(entry.zip64Offset ? ZipFormat.max32 : UInt32(entry.offset))
    out.append(entry.name)
    if !extra.bytes.isEmpty {
      out.u16(ZipFormat.zip64ExtraID)
      out.u16(UInt16(extra.bytes.count))
      out.append(extra.bytes)
    }
    return out.bytes
  }

  /// ZIP64 end record + locator (when `zip64`) followed by the classic end record, whose
  /// fields hold 0xFFFF/0xFFFFFFFF where the value does not fit (or all, with `allMax`).
  func endRecords(
    count: Int, directoryOffset: UInt64, directorySize: UInt64, endOffset: UInt64,
    zip64: Bool, allMax: Bool = false
  ) -> [UInt8] {
    var out = ByteWriter(capacity: 100)
    if zip64 {
      out.u32(ZipFormat.zip64EndOfCentralDirectorySignature)
      out.u64(UInt64(ZipFormat.zip64EndOfCentralDirectorySize - 12))  // size after this field
      out.u16(ZipFormat.version45)
      out.u16(ZipFormat.version45)
      out.u32(0)  // this disk
      out.u32(0)  // disk with the central directory
      out.u64(UInt64(count))
      out.u64(UInt64(count))
      out.u64(directorySize)
      out.u64(directoryOffset)
      out.u32(ZipFormat.zip64LocatorSignature)
      out.u32(0)
      out.u64(endOffset)
      out.u32(1)  // total disks
    }
    let count16 = allMax || count >= Int(ZipFormat.max16) ? ZipFormat.max16 : UInt16(count)
    let max32 = UInt64(ZipFormat.max32)
    out.u32(ZipFormat.endOfCentralDirectorySignature)
    out.u16(0)
    out.u16(0)
    out.u16(count16)
    out.u16(count16)
    out.u32(allMax || directorySize >= max32 ? ZipFormat.max32 : UInt32(directorySize))
    out.u32(allMax || directoryOffset >= max32 ? ZipFormat.max32 : UInt32(directoryOffset))
    out.u16(0)  // comment length
    return out.bytes
  }
}
