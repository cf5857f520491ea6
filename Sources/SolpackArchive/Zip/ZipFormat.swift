/// Record signatures, fixed sizes and magic values of the ZIP format (APPNOTE.TXT 6.3.x).
enum ZipFormat {
  static let localHeaderSignature: UInt32 = 0x0403_4b50
  static let centralHeaderSignature: UInt32 = 0x0201_4b50
  static let endOfCentralDirectorySignature: UInt32 = 0x0605_4b50
  static let zip64EndOfCentralDirectorySignature: UInt32 = 0x0606_4b50
  static let zip64LocatorSignature: UInt32 = 0x0706_4b50

  static let localHeaderSize = 30
  static let centralHeaderSize = 46
  static let endOfCentralDirectorySize = 22
  static let zip64EndOfCentralDirectorySize = 56
  static let zip64LocatorSize = 20
  static let maxCommentSize = 0xFFFF

  static let zip64ExtraID: UInt16 = 0x0001

  /// Values that mean "the real value is in the ZIP64 record / extra field".
  static let max16: UInt16 = 0xFFFF
  static let max32: UInt32 = 0xFFFF_FFFF

  static let methodStored: UInt16 = 0
  static let methodDeflate: UInt16 = 8

  static let flagEncrypted: UInt16 = 0x0001
  static let flagDataDescriptor: UInt16 = 0x0008
  static let flagUTF8: UInt16 = 0x0800

  /// "Version made by" / "version needed": 2.0 (deflate) or 4.5 (ZIP64), host 0 = MS-DOS.
  static let version20: UInt16 = 20
  static let version45: UInt16 = 45

  /// "Version made by" host 3: external attributes hold a Unix mode in their high 16 bits.
  static let hostUnix: UInt16 = 3

  /// Entries above this size are checked against `ZipLimits.maxCompressionRatio`.
  static let ratioCheckThreshold: UInt64 = 1 << 20

  /// Conservative upper bound of raw-deflate output for `size` input bytes (zlib's worst case
  /// is stored blocks: 5 bytes per 16 KiB plus a few bytes). Used so the ZIP64 decision for
  /// an entry depends only on its uncompressed size, before compressing it.
  static func deflateBound(_ size: UInt64) -> UInt64 {
    size + (size >> 11) + 4096
  }
}
