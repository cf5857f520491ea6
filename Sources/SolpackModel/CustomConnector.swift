/// A custom connector (component type 372): `<Connector>` in customizations.xml,
/// its files under `Connector/` in the archive (`Connectors/` unpacked).
public struct CustomConnector: Sendable, Hashable {
  /// Lower-case GUID without braces.
  public var id: String?
  public var name: String
  public var displayName: String?
  public var element: XMLElement

  public init(id: String?, name: String, displayName: String? = nil, element: XMLElement) {
    self.id = id
    self.name = name
    self.displayName = displayName
    self.element = element
  }
}
