import Foundation
import SolpackModel

/// Counts entries and bytes done by parallel workers and tells a `ProgressHandler`; a lock,
/// since workers finish on any thread.
final class ProgressCounter: @unchecked Sendable {
  private let lock = NSLock()
  private let handler: ProgressHandler?
  private var progress: WorkProgress

  init(entries: Int, bytes: UInt64, handler: ProgressHandler?) {
    self.handler = handler
    progress = WorkProgress(entriesDone: 0, entriesTotal: entries, bytesDone: 0, bytesTotal: bytes)
  }

  func add(_ bytes: UInt64) {
    guard let handler else { return }
    lock.lock()
    progress.entriesDone += 1
    progress.bytesDone += bytes
    let now = progress
    lock.unlock()
    handler(now)
  }
}

extension UnpackedLayout.FolderFile {
  /// Bytes this file will take, before any canonical rewrite: what progress counts toward.
  func expectedSize(in source: any SolutionSource) -> UInt64 {
    switch content {
    case .data(let data): UInt64(data.count)
    case .entry(let path): source.entry(path)?.size ?? 0
    }
  }
}
