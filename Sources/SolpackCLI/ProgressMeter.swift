import Foundation
import SolpackModel

/// One line on standard error, redrawn in place: entries and bytes done, rate, time left.
/// Redrawn at most ten times a second; cleared when the work ends, so nothing of it stays
/// in the terminal's scrollback.
final class ProgressMeter: @unchecked Sendable {
  private let verb: String
  private let lock = NSLock()
  private let start = Date()
  private var lastDraw: Date?
  private var drawn = false

  init(verb: String) { self.verb = verb }

  var handler: ProgressHandler { { [self] progress in update(progress) } }

  func update(_ progress: WorkProgress) {
    lock.lock()
    defer { lock.unlock() }
    let now = Date()
    let last = progress.entriesDone >= progress.entriesTotal
    if let lastDraw, now.timeIntervalSince(lastDraw) < 0.1, !last { return }
    lastDraw = now
    drawn = true
    FileHandle.standardError.write(
      Data(("\r\u{1B}[K" + Self.line(verb, progress, elapsed: now.timeIntervalSince(start))).utf8))
  }

  /// Clears the line before the command prints its result or diagnostics.
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    drawn = false
  }

  /// `Packing: 12/40 entries, 3.1 MB of 9.8 MB, 4.2 MB/s, 2 s left`.
  static func line(_ verb: String, _ progress: WorkProgress, elapsed: TimeInterval) -> String {
    let done = min(progress.bytesDone, progress.bytesTotal)
    var text =
      "\(verb): \(progress.entriesDone)/\(progress.entriesTotal) entries, \(Console.size(done)) of \(Console.size(progress.bytesTotal))"
    if elapsed > 0.05, done > 0 {
      let rate = Double(done) / elapsed
      text += ", \(Console.size(UInt64(rate)))/s"
      let left = Double(progress.bytesTotal - done) / rate
      text += ", \(Int(left.rounded(.up))) s left"
    }
    return text
  }
}
