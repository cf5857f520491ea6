import Foundation
import SolpackArchive
import SolpackModel

/// An installed solution's archive entries, read from the store one at a time, with
/// some entries replaced or removed (export's edits).
struct StoredSolutionSource: SolutionSource {
  let location: URL
  let store: any EnvironmentStore
  let solution: String
  let entries: [SourceEntry]
  let replaced: [String: Data]
  var diagnostics: [Diagnostic] { [] }

  init(
    store: any EnvironmentStore, solution: String, location: URL, stored: [SourceEntry],
    replaced: [String: Data] = [:], removed: Set<String> = []
  ) {
    self.store = store
    self.solution = solution
    self.location = location
    self.replaced = replaced
    var list = stored.filter { !removed.contains($0.path) && replaced[$0.path] == nil }
    list += replaced.map { SourceEntry(path: $0.key, size: UInt64($0.value.count)) }
    entries = list.sorted { $0.path < $1.path }
  }

  func read(_ path: String) throws -> Data {
    if let data = replaced[path] { return data }
    return try store.entryData(of: solution, path: path)
  }

  func writerSource(_ path: String) throws -> ZipWriter.Source {
    if let data = replaced[path] { return .data(data) }
    let (store, solution) = (store, solution)
    let size = entries.first { $0.path == path }?.size ?? 0
    return .deferred(size: size) { try store.entryData(of: solution, path: path) }
  }
}
