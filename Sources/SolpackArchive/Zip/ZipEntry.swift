/// One central-directory record, after validation (safe path, supported method, within
/// limits). Sizes and offset are the real values, ZIP64 extra fields already applied.
public struct ZipEntry: Sendable, Hashable {
  /// Name as stored, '/' separators; directories end with '/'.
  public let path: String
  /// 0 stored, 8 deflate.
  public let method: UInt16
  public let flags: UInt16
  public let crc32: UInt32
  public let compressedSize: UInt64
  public let uncompressedSize: UInt64
  public let localHeaderOffset: UInt64
  public let versionMadeBy: UInt16
  public let externalAttributes: UInt32
  public let dosTime: UInt16
  public let dosDate: UInt16
  /// Name bytes exactly as in the central directory, compared with the local header's.
  let rawName: [UInt8]

  /// Directory entries carry no data; callers usually skip them.
  public var isDirectory: Bool { path.hasSuffix("/") }
}
