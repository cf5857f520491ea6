import Foundation
import SolpackModel

/// What differs between two solutions, by meaning (docs/diff-schema.md). Never holds a
/// secret value: a Secret's value shows only as changed or unchanged.
public struct DiffReport: Sendable, Codable, Equatable {
  public enum Change: String, Sendable, Codable {
    case added, removed, changed
  }

  /// What a component is, in the order reports list them.
  public enum Kind: String, Sendable, Codable, CaseIterable, Comparable {
    case manifest
    case cloudFlow = "cloud-flow"
    case desktopFlow = "desktop-flow"
    case workflow
    case connectionReference = "connection-reference"
    case environmentVariable = "environment-variable"
    case credential
    case customConnector = "custom-connector"
    case rootComponent = "root-component"
    case missingDependency = "missing-dependency"
    case part

    public static func < (lhs: Kind, rhs: Kind) -> Bool {
      allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    public var displayName: String {
      switch self {
      case .manifest: "solution manifest"
      case .cloudFlow: "cloud flow"
      case .desktopFlow: "desktop flow"
      case .workflow: "workflow"
      case .connectionReference: "connection reference"
      case .environmentVariable: "environment variable"
      case .credential: "credential"
      case .customConnector: "custom connector"
      case .rootComponent: "root component"
      case .missingDependency: "missing dependency"
      case .part: "part"
      }
    }
  }

  /// One field inside a changed component: an XML path (`Workflow/StateCode`,
  /// `connectionreference/connectorid`), a JSON Pointer into a flow's definition
  /// (`/properties/definition/actions/Send_email/inputs/host/connection`), or a name
  /// (`version`, `value`, `size`).
  public struct FieldChange: Sendable, Codable, Equatable {
    public var path: String
    /// Shortened when long; nil when the field was added.
    public var old: String?
    /// Shortened when long; nil when the field was removed.
    public var new: String?
    /// Set instead of old and new when they must not be shown (a Secret's value).
    public var note: String?

    public init(path: String, old: String? = nil, new: String? = nil, note: String? = nil) {
      self.path = path
      self.old = old
      self.new = new
      self.note = note
    }
  }

  public struct ComponentChange: Sendable, Codable, Equatable {
    public var kind: Kind
    /// Its key: WorkflowId, logical name, schema name, credential name, or path.
    public var key: String
    /// A name for people (the flow's display name), when it differs from the key.
    public var name: String?
    public var change: Change
    /// The archive entry it lives in, when it has one.
    public var entry: String?
    public var fields: [FieldChange]

    public init(
      kind: Kind, key: String, name: String? = nil, change: Change, entry: String? = nil,
      fields: [FieldChange] = []
    ) {
      self.kind = kind
      self.key = key
      self.name = name
      self.change = change
      self.entry = entry
      self.fields = fields
    }
  }

  public struct Stat: Sendable, Codable, Equatable {
    public var added = 0
    public var removed = 0
    public var changed = 0
    public init(added: Int = 0, removed: Int = 0, changed: Int = 0) {
      self.added = added
      self.removed = removed
      self.changed = changed
    }
  }

  public var schemaVersion = 1
  /// The two inputs as given.
  public var a: String
  public var b: String
  /// Sorted by kind, then key.
  public var changes: [ComponentChange]
  public var diagnostics: [Diagnostic]

  public init(a: String, b: String, changes: [ComponentChange], diagnostics: [Diagnostic] = []) {
    self.a = a
    self.b = b
    self.changes = changes.sorted { ($0.kind, $0.key) < ($1.kind, $1.key) }
    self.diagnostics = diagnostics
  }

  public var identical: Bool { changes.isEmpty }

  /// Counts per kind (the `--stat` view).
  public var stat: [Kind: Stat] {
    var result: [Kind: Stat] = [:]
    for change in changes {
      var stat = result[change.kind] ?? Stat()
      switch change.change {
      case .added: stat.added += 1
      case .removed: stat.removed += 1
      case .changed: stat.changed += 1
      }
      result[change.kind] = stat
    }
    return result
  }
}
