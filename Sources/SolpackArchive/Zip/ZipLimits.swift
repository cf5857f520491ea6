/// Archive-bomb limits checked when an archive is opened (declared sizes) and enforced
/// again while inflating (actual sizes never exceed the declared ones).
public struct ZipLimits: Sendable, Hashable {
  public var maxEntryCount: Int
  public var maxEntryUncompressedSize: UInt64
  public var maxTotalUncompressedSize: UInt64
  /// Uncompressed / compressed, checked for entries larger than 1 MiB uncompressed.
  public var maxCompressionRatio: UInt64

  /// 65,535 is the most a zip without ZIP64 can hold; real solutions hold a few thousand
  /// at most. 100,000 tiny entries are refused before a single record is read.
  public init(
    maxEntryCount: Int = 65_535,
    maxEntryUncompressedSize: UInt64 = 2 << 30,
    maxTotalUncompressedSize: UInt64 = 8 << 30,
    maxCompressionRatio: UInt64 = 1_000
  ) {
    self.maxEntryCount = maxEntryCount
    self.maxEntryUncompressedSize = maxEntryUncompressedSize
    self.maxTotalUncompressedSize = maxTotalUncompressedSize
    self.maxCompressionRatio = maxCompressionRatio
  }

  public static let `default` = ZipLimits()
}
