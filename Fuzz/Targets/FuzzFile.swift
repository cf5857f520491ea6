import Foundation
import SolpackArchive

/// ZipReader reads files with pread, so each input is written to one scratch file
/// (in /dev/shm when there is one: no disk I/O per execution).
enum FuzzFile {
  static let url: URL = {
    let folder =
      FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    return URL(fileURLWithPath: folder).appendingPathComponent("solpack-fuzz-\(getpid()).zip")
  }()

  /// Small limits keep each execution short; the policy is the same as the default's.
  static let limits = ZipLimits(
    maxEntryCount: 1_000, maxEntryUncompressedSize: 1 << 20, maxTotalUncompressedSize: 4 << 20)

  static func write(_ start: UnsafeRawPointer, _ count: Int) -> URL {
    let data = Data(bytes: start, count: count)
    try! data.write(to: url)
    return url
  }
}
