import Foundation

/// Deflates files on one worker thread before the writer starts, while the caller still
/// prepares the archive on its own thread (pack: the solution read and checked, the
/// customizations.xml rebuilt), so the second core is not idle then.
///
/// The writer takes a result only for an item whose source is the same file; anything
/// else (an entry the caller replaced with its own bytes, a path never deflated here)
/// it deflates itself. Deflate output depends only on the input bytes and the level,
/// so the archive is the same byte for byte whichever thread did the work, and whenever.
/// Work is bounded: at most `budget` uncompressed bytes are deflated ahead in all.
final class DeflateAhead: @unchecked Sendable {
  struct File: Sendable {
    var path: String
    /// Where the file is on disk (`ZipWriter.Source.file`).
    var location: String
    var size: UInt64
  }

  private enum Slot {
    case waiting
    case running
    case done(CompressedItem)
    /// Taken by the writer, failed here (the writer then reports the error itself),
    /// or beyond the budget.
    case gone
  }

  let level: Int32
  private let files: [File]
  private let positions: [String: Int]
  private let budget: UInt64
  private let condition = NSCondition()
  private var slots: [Slot]
  private var stopped = false
  private let group = DispatchGroup()
  /// Workers started and not yet returned, in the whole process (tests).
  nonisolated(unsafe) private static var running = 0
  private static let runningLock = NSLock()

  /// Starts deflating `files` in the given order, which should be the archive's: the
  /// writer then finds each result as it reaches it and memory is freed soonest.
  init(files: [File], level: Int32, budget: UInt64) {
    self.files = files
    self.level = level
    self.budget = budget
    positions = Dictionary(
      files.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
    slots = Array(repeating: .waiting, count: files.count)
    Self.count(+1)
    DispatchQueue.global().async(group: group) { [self] in
      work()
      Self.count(-1)
    }
  }

  static var runningWorkers: Int {
    runningLock.lock()
    defer { runningLock.unlock() }
    return running
  }

  private static func count(_ change: Int) {
    runningLock.lock()
    running += change
    runningLock.unlock()
  }

  /// The item deflated ahead for `path` read from `location`, waiting if it is being
  /// deflated right now; nil when the caller must deflate it (it is then never deflated here).
  func take(_ path: String, from location: String) -> CompressedItem? {
    condition.lock()
    defer { condition.unlock() }
    guard let position = positions[path], files[position].location == location else {
      return nil
    }
    while case .running = slots[position] { condition.wait() }
    defer { slots[position] = .gone }
    if case .done(let item) = slots[position] { return item }
    return nil
  }

  /// No new file is started; the one being deflated is finished and kept.
  func stop() {
    condition.lock()
    stopped = true
    condition.unlock()
  }

  /// Stops and waits for the worker, then drops what the writer did not take (an entry
  /// the caller replaced): nothing runs or stays in memory after the caller is done,
  /// even when it failed before writing.
  func finish() {
    stop()
    group.wait()
    condition.lock()
    slots = slots.map { _ in .gone }
    condition.unlock()
  }

  /// Waits until the worker ran out of files or budget (tests).
  func waitForWorker() { group.wait() }

  /// The paths deflated and not yet taken (tests).
  var deflatedPaths: [String] {
    condition.lock()
    defer { condition.unlock() }
    return files.indices.compactMap { index in
      if case .done = slots[index] { files[index].path } else { nil }
    }
  }

  private func work() {
    var spent: UInt64 = 0
    for position in files.indices {
      let file = files[position]
      condition.lock()
      guard !stopped, spent + file.size <= budget || spent == 0 else {
        condition.unlock()
        return
      }
      guard case .waiting = slots[position] else {
        condition.unlock()
        continue
      }
      slots[position] = .running
      condition.unlock()
      spent += file.size
      let item = try? CompressedItem(
        ZipWriter.Item(path: file.path, source: .file(file.location, size: file.size)),
        level: level)
      condition.lock()
      slots[position] = item.map(Slot.done) ?? .gone
      condition.broadcast()
      condition.unlock()
    }
  }
}
