/// `<RootComponent type="29" id="{…}" schemaName="…" behavior="0" />`.
/// Attributes solpack does not type are kept in `element`.
public struct RootComponent: Sendable, Hashable {
  public var type: ComponentType
  public var id: String?
  public var schemaName: String?
  /// 0 include subcomponents, 1 do not include subcomponents, 2 shell only.
  public var behavior: Int?
  public var element: XMLElement

  public init(
    type: ComponentType, id: String? = nil, schemaName: String? = nil, behavior: Int? = 0,
    element: XMLElement? = nil
  ) {
    self.type = type
    self.id = id
    self.schemaName = schemaName
    self.behavior = behavior
    self.element =
      element
      ?? XMLElement(
        "RootComponent",
        attributes: [XMLAttribute("type", type.description)]
          + (id.map { [XMLAttribute("id", $0)] } ?? [])
          + (schemaName.map { [XMLAttribute("schemaName", $0)] } ?? [])
          + (behavior.map { [XMLAttribute("behavior", String($0))] } ?? []))
  }
}
