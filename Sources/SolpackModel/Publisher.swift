/// The solution's publisher. Typed fields are the ones solpack reasons about; every
/// other child (e-mail, addresses, …) stays in `element` and is written back as found.
public struct Publisher: Sendable, Hashable {
  public var uniqueName: String
  public var localizedNames: [LocalizedLabel]
  public var descriptions: [LocalizedLabel]
  public var customizationPrefix: String
  public var customizationOptionValuePrefix: Int?
  public var element: XMLElement

  public init(
    uniqueName: String, localizedNames: [LocalizedLabel] = [], descriptions: [LocalizedLabel] = [],
    customizationPrefix: String, customizationOptionValuePrefix: Int? = nil,
    element: XMLElement = XMLElement("Publisher")
  ) {
    self.uniqueName = uniqueName
    self.localizedNames = localizedNames
    self.descriptions = descriptions
    self.customizationPrefix = customizationPrefix
    self.customizationOptionValuePrefix = customizationOptionValuePrefix
    self.element = element
  }
}
