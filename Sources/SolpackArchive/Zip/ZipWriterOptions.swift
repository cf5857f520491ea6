import Foundation
import SolpackModel

extension ZipWriter {
  public struct Options: Sendable {
    /// zlib level, 0 (store in deflate blocks) … 9.
    public var compressionLevel: Int32
    /// Modification time of every entry; stored as DOS time in UTC, 2-second resolution.
    public var timestamp: Date
    /// Threads that deflate entries in parallel.
    public var concurrency: Int
    /// Told as each entry is deflated (several at a time, on any thread).
    public var progress: ProgressHandler?
    /// Test hook: write ZIP64 extra fields and end records even when nothing overflows.
    var forceZip64 = false

    public init(
      compressionLevel: Int32 = 6,
      timestamp: Date = Options.environmentTimestamp(),
      concurrency: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
      self.compressionLevel = compressionLevel
      self.timestamp = timestamp
      self.concurrency = concurrency
    }

    /// Defaults, with the timestamp from `SOURCE_DATE_EPOCH` when set.
    public static func fromEnvironment() -> Options { Options() }

    /// `SOURCE_DATE_EPOCH` (seconds since 1970, reproducible-builds.org) when it is set and
    /// a valid integer, else 1980-01-01 00:00:00 UTC.
    public static func environmentTimestamp(
      _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Date {
      let text = environment["SOURCE_DATE_EPOCH"]?.trimmingCharacters(in: .whitespaces)
      guard let text, let seconds = Int64(text) else { return DOSDateTime.epoch }
      return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
  }
}
