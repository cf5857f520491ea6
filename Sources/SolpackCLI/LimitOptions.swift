import ArgumentParser
import SolpackArchive

/// Zip-bomb limits for reading archives from elsewhere.
struct LimitOptions: ParsableArguments {
  @Option(help: "Refuse archives whose entries add up to more than this many MiB uncompressed.")
  var maxTotalMib: UInt64 = ZipLimits.default.maxTotalUncompressedSize >> 20

  @Option(help: "Refuse entries over 1 MiB that expand more than this many times.")
  var maxRatio: UInt64 = ZipLimits.default.maxCompressionRatio

  @Option(help: "Refuse archives with more entries than this.")
  var maxEntries: Int = ZipLimits.default.maxEntryCount

  var limits: ZipLimits {
    var limits = ZipLimits.default
    limits.maxEntryCount = maxEntries
    limits.maxTotalUncompressedSize = maxTotalMib << 20
    limits.maxCompressionRatio = maxRatio
    return limits
  }
}
