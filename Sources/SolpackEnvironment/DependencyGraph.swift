import Foundation
import SolpackModel

/// Which solution needs which, in what order, and what is missing: the picture behind
/// `solpack graph` and the reports' graph. Nodes are solutions or, at component level,
/// flows, connection references, env vars, credentials and connectors; an edge says its
/// `from` node requires its `to` node. Pure values; renderers draw it.
public struct DependencyGraph: Sendable, Codable, Equatable {
  public enum Level: String, Sendable, Codable, CaseIterable {
    case solution, component
  }

  public struct Node: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
      case solution
      case flow
      case desktopFlow = "desktop-flow"
      case connectionReference = "connection-reference"
      case environmentVariable = "environment-variable"
      case credential
      case connector
      /// A component of a kind solpack does not type (a table, a plug-in).
      case other
    }

    /// Where the node comes from.
    public enum Origin: String, Sendable, Codable {
      /// One of the archives or folders given.
      case run
      /// Already in the environment (`--env`).
      case environment
      /// Provided by the platform itself (a standard connector such as shared_office365).
      case platform
      /// Needed, and neither in the run nor in the environment.
      case missing
    }

    /// Stable within one graph: `solution:invoiceflows`, `connection-reference:contoso_x`.
    public var id: String
    public var kind: Kind
    public var label: String
    /// The solution a component belongs to (or, for a missing one, is expected from).
    public var solution: String?
    public var origin: Origin
    /// Import order, left to right: a node comes after everything it requires.
    public var layer: Int
    public var inCycle: Bool
    /// For a missing solution, the components it is expected to provide.
    public var details: [String]

    public init(
      id: String, kind: Kind, label: String, solution: String? = nil, origin: Origin,
      layer: Int = 0, inCycle: Bool = false, details: [String] = []
    ) {
      self.id = id
      self.kind = kind
      self.label = label
      self.solution = solution
      self.origin = origin
      self.layer = layer
      self.inCycle = inCycle
      self.details = details
    }
  }

  /// `from` requires `to`.
  public struct Edge: Sendable, Codable, Equatable, Hashable {
    public var from: String
    public var to: String
    public var inCycle: Bool

    public init(from: String, to: String, inCycle: Bool = false) {
      self.from = from
      self.to = to
      self.inCycle = inCycle
    }
  }

  public var level: Level
  /// By layer, then solution, then label.
  public var nodes: [Node]
  public var edges: [Edge]
  /// Each cycle's node ids, sorted.
  public var cycles: [[String]]

  public init(level: Level, nodes: [Node], edges: [Edge], cycles: [[String]] = []) {
    self.level = level
    self.nodes = nodes
    self.edges = edges
    self.cycles = cycles
  }

  public var layerCount: Int { (nodes.map(\.layer).max() ?? -1) + 1 }
  public var missing: [Node] { nodes.filter { $0.origin == .missing } }

  public func node(_ id: String) -> Node? { nodes.first { $0.id == id } }
}
