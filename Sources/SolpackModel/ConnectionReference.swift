/// A `<connectionreference>` from customizations.xml. No connection id is ever
/// exported: binding happens at import.
public struct ConnectionReference: Sendable, Hashable {
  public var logicalName: String
  public var displayName: String?
  /// `/providers/Microsoft.PowerApps/apis/shared_office365`.
  public var connectorID: String?
  /// The custom connector's id (lower-case GUID) when the connector is custom.
  public var customConnectorID: String?
  public var description: String?
  public var isCustomizable: Bool?
  /// 0 prompt on import, 1 skip.
  public var promptingBehavior: Int?
  public var stateCode: Int?
  public var statusCode: Int?
  public var element: XMLElement

  public init(
    logicalName: String, displayName: String? = nil, connectorID: String? = nil,
    customConnectorID: String? = nil, description: String? = nil, isCustomizable: Bool? = nil,
    promptingBehavior: Int? = nil, stateCode: Int? = nil, statusCode: Int? = nil,
    element: XMLElement
  ) {
    self.logicalName = logicalName
    self.displayName = displayName
    self.connectorID = connectorID
    self.customConnectorID = customConnectorID
    self.description = description
    self.isCustomizable = isCustomizable
    self.promptingBehavior = promptingBehavior
    self.stateCode = stateCode
    self.statusCode = statusCode
    self.element = element
  }

  /// `shared_office365` from the connector id.
  public var connectorName: String? {
    connectorID.flatMap { $0.split(separator: "/").last.map(String.init) }
  }
}
