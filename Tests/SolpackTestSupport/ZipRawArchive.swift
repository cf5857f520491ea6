import Foundation
import SolpackArchive

/// One entry of a hand-built archive: every header field the tests may want to lie in.
public struct ZipRawEntry: Sendable {
  public var name: [UInt8]
  /// The local header's name, when it should differ from the central directory's.
  public var localName: [UInt8]? = nil
  public var method: UInt16 = 0
  /// The local header's method and flags, when they should differ.
  public var localMethod: UInt16? = nil
  public var localFlags: UInt16? = nil
  public var flags: UInt16 = 0
  /// Bytes stored as the entry's data (already compressed for method 8).
  public var payload: [UInt8]
  public var crc: UInt32
  public var uncompressedSize: UInt32
  public var compressedSize: UInt32? = nil
  public var versionMadeBy: UInt16 = 20
  public var externalAttributes: UInt32 = 0
  /// Central directory extra field (e.g. ZIP64, id 0x0001).
  public var extra: [UInt8] = []
  /// The central directory's local header offset, when it should point elsewhere.
  public var offset: UInt32? = nil

  public init(
    name: [UInt8], method: UInt16 = 0, payload: [UInt8], crc: UInt32, uncompressedSize: UInt32
  ) {
    self.name = name
    self.method = method
    self.payload = payload
    self.crc = crc
    self.uncompressedSize = uncompressedSize
  }

  /// A stored entry with correct CRC and sizes.
  public static func stored(_ name: String, _ content: String) -> ZipRawEntry {
    stored(name, Data(content.utf8))
  }

  public static func stored(_ name: String, _ content: Data) -> ZipRawEntry {
    ZipRawEntry(
      name: Array(name.utf8), payload: Array(content), crc: CRC32.checksum(content),
      uncompressedSize: UInt32(content.count))
  }

  /// A deflated entry with correct CRC and sizes.
  public static func deflated(_ name: String, _ content: Data, level: Int32 = 6) throws
    -> ZipRawEntry
  {
    let compressed = try Deflate.compress(content, level: level)
    return ZipRawEntry(
      name: Array(name.utf8), method: 8, payload: Array(compressed),
      crc: CRC32.checksum(content), uncompressedSize: UInt32(truncatingIfNeeded: content.count))
  }
}

/// Builds archives byte by byte, so tests can put in exactly the lies they need.
public enum ZipRawArchive {
  /// Local records for the first `localRecords` entries (all by default; the rest must
  /// set `offset`), the central directory, and the end record — with a ZIP64 end record
  /// and locator before it when `zip64End` (the classic fields then say 0xFFFF…).
  public static func build(
    _ entries: [ZipRawEntry], comment: [UInt8] = [], localRecords: Int? = nil,
    zip64End: Bool = false
  ) -> Data {
    var out = LittleEndianBytes()
    var central = LittleEndianBytes()
    for (index, entry) in entries.enumerated() {
      let offset = UInt32(out.bytes.count)
      if index < localRecords ?? entries.count { out.append(localRecord(entry)) }
      let compressed = entry.compressedSize ?? UInt32(entry.payload.count)
      central.u32(0x0201_4b50)
      central.u16(entry.versionMadeBy)
      central.u16(20)
      central.u16(entry.flags)
      central.u16(entry.method)
      central.u16(0)
      central.u16(0x21)
      central.u32(entry.crc)
      central.u32(compressed)
      central.u32(entry.uncompressedSize)
      central.u16(UInt16(entry.name.count))
      central.u16(UInt16(entry.extra.count))
      for _ in 0..<3 { central.u16(0) }  // comment, disk, internal attributes
      central.u32(entry.externalAttributes)
      central.u32(entry.offset ?? offset)
      central.append(entry.name)
      central.append(entry.extra)
    }
    let directoryOffset = out.bytes.count
    out.append(central.bytes)
    if zip64End {
      let recordOffset = out.bytes.count
      out.u32(0x0606_4b50)
      out.u64(44)  // size of the rest of the record
      out.u16(45)
      out.u16(45)
      out.u32(0)
      out.u32(0)
      out.u64(UInt64(entries.count))
      out.u64(UInt64(entries.count))
      out.u64(UInt64(central.bytes.count))
      out.u64(UInt64(directoryOffset))
      out.u32(0x0706_4b50)
      out.u32(0)
      out.u64(UInt64(recordOffset))
      out.u32(1)
      out.append(
        endRecord(
          entries: 0xFFFF, directorySize: 0xFFFF_FFFF, directoryOffset: 0xFFFF_FFFF,
          comment: comment))
    } else {
      out.append(
        endRecord(
          entries: entries.count, directorySize: central.bytes.count,
          directoryOffset: directoryOffset, comment: comment))
    }
    return Data(out.bytes)
  }

  /// An entry's local header, name and data.
  public static func localRecord(_ entry: ZipRawEntry) -> [UInt8] {
    var out = LittleEndianBytes()
    let localName = entry.localName ?? entry.name
    out.u32(0x0403_4b50)
    out.u16(20)
    out.u16(entry.localFlags ?? entry.flags)
    out.u16(entry.localMethod ?? entry.method)
    out.u16(0)
    out.u16(0x21)
    out.u32(entry.crc)
    out.u32(entry.compressedSize ?? UInt32(entry.payload.count))
    out.u32(entry.uncompressedSize)
    out.u16(UInt16(localName.count))
    out.u16(0)
    out.append(localName)
    out.append(entry.payload)
    return out.bytes
  }

  /// The classic end of central directory record.
  public static func endRecord(
    entries: Int, directorySize: Int, directoryOffset: Int, comment: [UInt8] = []
  ) -> [UInt8] {
    var out = LittleEndianBytes()
    out.u32(0x0605_4b50)
    out.u16(0)
    out.u16(0)
    out.u16(UInt16(truncatingIfNeeded: entries))
    out.u16(UInt16(truncatingIfNeeded: entries))
    out.u32(UInt32(truncatingIfNeeded: directorySize))
    out.u32(UInt32(truncatingIfNeeded: directoryOffset))
    out.u16(UInt16(comment.count))
    out.append(comment)
    return out.bytes
  }

  /// Offset of the ZIP64 end record `build(_:zip64End: true)` wrote.
  public static func zip64EndOffset(_ archive: [UInt8]) -> Int? {
    let locator = archive.count - 22 - 20
    guard locator >= 0, archive[locator..<locator + 4].elementsEqual([0x50, 0x4b, 6, 7]) else {
      return nil
    }
    return (0..<8).reduce(0) { $0 | Int(archive[locator + 8 + $1]) << (8 * $1) }
  }

  /// Byte offsets of each central directory record in `archive` (classic end record).
  public static func centralHeaderOffsets(_ archive: [UInt8]) -> [Int] {
    func u16(_ at: Int) -> Int { Int(archive[at]) | Int(archive[at + 1]) << 8 }
    let end = archive.count - 22
    var position = u16(end + 16) | u16(end + 18) << 16
    var result: [Int] = []
    for _ in 0..<u16(end + 10) {
      result.append(position)
      position += 46 + u16(position + 28) + u16(position + 30) + u16(position + 32)
    }
    return result
  }
}

/// Little-endian writer for the raw builders.
public struct LittleEndianBytes: Sendable {
  public private(set) var bytes: [UInt8] = []
  public init() {}
  public mutating func u16(_ value: UInt16) {
    bytes += [UInt8(value & 0xFF), UInt8(value >> 8)]
  }
  public mutating func u32(_ value: UInt32) {
    for shift in stride(from: 0, to: 32, by: 8) {
      bytes.append(UInt8((value >> UInt32(shift)) & 0xFF))
    }
  }
  public mutating func u64(_ value: UInt64) {
    for shift in stride(from: 0, to: 64, by: 8) {
      bytes.append(UInt8((value >> UInt64(shift)) & 0xFF))
    }
  }
  public mutating func append(_ more: [UInt8]) { bytes += more }
}
