import Foundation
import SolpackModel

/// Where an environment lives. The engine reads the whole state, decides, and asks
/// the store to write the result in one transaction; a server database can stand
/// behind the same protocol later.
public protocol EnvironmentStore: Sendable {
  /// For messages and reports: the file or the server.
  var location: String { get }
  /// The state; an environment that does not exist yet is empty (and is not created).
  func load() throws -> EnvironmentState
  /// Replaces the state with `state`, the archive entries of the solutions in
  /// `entries`, and records `run`; all or nothing.
  func commit(_ state: EnvironmentState, entries: [String: [StoredEntry]], run: ImportReport?)
    throws
  /// A solution's archive entries as last imported, for export.
  func entries(of solution: String) throws -> [StoredEntry]
  /// Past runs, newest last.
  func runs() throws -> [ImportReport]
}

public struct StoredEntry: Sendable, Equatable {
  public var path: String
  public var data: Data
  public init(path: String, data: Data) {
    self.path = path
    self.data = data
  }
}
