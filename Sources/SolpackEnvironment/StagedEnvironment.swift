import Foundation
import GRDB
import SolpackArchive

/// A new environment's file, begun before its first commit: the archive entries of the
/// solutions being imported are written into a private temporary file on another
/// thread while the caller still reads and checks them. The commit then writes only
/// the typed tables and renames the file in. Writing the entries after the checks made
/// them a serial tail of every first import; while customizations.xml is parsed the
/// second core has nothing else to do.
///
/// The file is one of `AtomicFile`'s temporaries (`AtomicFile.sibling`), so a process
/// killed before the rename leaves nothing that the next write to the target does not
/// sweep away.
final class StagedEnvironment: @unchecked Sendable {
  /// What one solution's entries are, worked out on the staging thread.
  typealias Solution = @Sendable () throws -> (name: String, entries: [StoredEntry])

  let file: URL
  private let open: @Sendable (URL) throws -> DatabaseQueue
  private let worker = DispatchQueue(label: "solpack.staged-environment")
  private let lock = NSLock()
  // Below: written on `worker`, read by the caller only after `wait`.
  private var database: DatabaseQueue?
  private var failure: (any Error)?
  /// Each solution written, in order, with its entries' paths.
  private var written: [(name: String, paths: [String])] = []
  // Guarded by `lock`: read by the worker between entries.
  private var cancelled = false

  init(target: URL, open: @escaping @Sendable (URL) throws -> DatabaseQueue) {
    file = AtomicFile.sibling(of: target)
    self.open = open
  }

  /// Queues one solution's entries; solutions are written one after another.
  func add(_ solution: @escaping Solution) {
    worker.async {
      guard self.failure == nil, !self.isCancelled else { return }
      do {
        let (name, entries) = try solution()
        let database = try self.database ?? self.open(self.file)
        self.database = database
        // How many entries were new does not matter in a file that held none.
        _ = try database.write { db in
          try EnvironmentSchema.writeEntries(db, solution: name, entries) {
            if self.isCancelled { throw CancellationError() }
          }
        }
        self.written.append((name, entries.map(\.path)))
      } catch {
        self.failure = error
      }
    }
  }

  /// The file with every queued solution's entries in it, when they are exactly
  /// `entries` (the same solutions, each with the same paths); nil otherwise, and
  /// the commit writes the entries itself into a file of its own.
  func database(holding entries: [String: [StoredEntry]]) -> DatabaseQueue? {
    worker.sync {}
    guard failure == nil, let database, written.count == entries.count else { return nil }
    for (name, paths) in written where entries[name]?.map(\.path) != paths { return nil }
    return database
  }

  /// Stops the work (between two entries), closes and removes the file.
  func discard() {
    lock.lock()
    cancelled = true
    lock.unlock()
    worker.sync {}
    try? database?.close()
    database = nil
    try? FileManager.default.removeItem(at: file)
  }

  private var isCancelled: Bool {
    lock.lock()
    defer { lock.unlock() }
    return cancelled
  }
}
