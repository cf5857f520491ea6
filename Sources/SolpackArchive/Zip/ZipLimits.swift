/// Archive-bomb limits checked when an archive is opened (declared sizes) and enforced
/// again while inflating (actual sizes never exceed the declared ones).
public struct ZipLimits: Sendable, Hashable {
  public var maxEntryCount: Int
  public var maxEntryUncompressedSize: UInt64
  public var maxTotalUncompressedSize: UInt64
  /// Uncompressed / compressed, checked for entries larger than 1 MiB uncompressed.
  public var maxCompressionRatio: UInt64

  public init(
    maxEntryCount: Int = 200_000,
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
