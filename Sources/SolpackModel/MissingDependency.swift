/// One `<MissingDependency>`: a component this solution needs (`required`) that it
/// does not contain, and the component of this solution that needs it (`dependent`).
public struct MissingDependency: Sendable, Hashable {
  public var required: DependencyEndpoint
  public var dependent: DependencyEndpoint

  public init(required: DependencyEndpoint, dependent: DependencyEndpoint) {
    self.required = required
    self.dependent = dependent
  }
}

/// `<Required …>` or `<Dependent …>`: every attribute in source order (including
/// `key`, `solution` and dotted `id.<column>` alternate keys) and the optional
/// `<package>` child, with typed views over the common ones.
public struct DependencyEndpoint: Sendable, Hashable {
  public var attributes: [XMLAttribute]
  /// `<package>msdynce_SalesAnchor (9.0.22121.10009)</package>`.
  public var package: String?

  public init(attributes: [XMLAttribute], package: String? = nil) {
    self.attributes = attributes
    self.package = package
  }

  public subscript(name: String) -> String? { attributes.first { $0.name == name }?.value }

  public var type: ComponentType? { self["type"].map(ComponentType.init) }
  public var schemaName: String? { self["schemaName"] }
  public var displayName: String? { self["displayName"] }
  public var id: String? { self["id"] }
  public var parentSchemaName: String? { self["parentSchemaName"] }
  public var key: String? { self["key"] }
  /// `Name (1.2.3.4)` or `Active`.
  public var solution: String? { self["solution"] }

  /// The dotted alternate keys: `id.schemaname` → value.
  public var alternateKeys: [(column: String, value: String)] {
    attributes.filter { $0.name.hasPrefix("id.") }.map { (String($0.name.dropFirst(3)), $0.value) }
  }

  /// The solution's unique name from `solution="Name (1.0.0.0)"`; nil for `Active`.
  public var solutionUniqueName: String? {
    guard let solution, solution != "Active" else { return nil }
    if let open = solution.firstIndex(of: " ") { return String(solution[..<open]) }
    return solution
  }

  /// The best name for people: schema name, an alternate key, display name, then id.
  public var name: String {
    schemaName ?? alternateKeys.first?.value ?? displayName ?? id ?? "(unnamed)"
  }

  /// The referenced component as solpack types it, when it is one of its kinds.
  public var reference: ComponentReference? {
    guard let kind = type?.kind else { return nil }
    switch kind {
    case .workflow:
      guard let id else { return nil }
      return ComponentReference(kind, ComponentReference.normalizedID(id))
    case .customConnector:
      // Connection references name their custom connector by id.
      return ComponentReference(
        kind, id.map(ComponentReference.normalizedID) ?? schemaName ?? name)
    default:
      return ComponentReference(kind, alternateKeys.first?.value ?? schemaName ?? name)
    }
  }
}
