/// A small, ordered XML tree: enough to keep every attribute, child and text of a
/// Dataverse document so parts the model does not type are written back unchanged.
public struct XMLElement: Sendable, Hashable {
  public var name: String
  /// In document order; Dataverse's attribute order is kept on write.
  public var attributes: [XMLAttribute]
  public var children: [XMLNode]
  /// `<X></X>` in the source rather than `<X />`; kept so unedited output matches.
  public var writesEmptyAsPair: Bool

  public init(
    _ name: String, attributes: [XMLAttribute] = [], children: [XMLNode] = [],
    writesEmptyAsPair: Bool = false
  ) {
    self.name = name
    self.attributes = attributes
    self.children = children
    self.writesEmptyAsPair = writesEmptyAsPair
  }

  /// An element holding only text: `<Version>1.0.0.0</Version>`.
  public init(_ name: String, text: String) {
    self.init(name, children: text.isEmpty ? [] : [.text(text)])
  }
}

public struct XMLAttribute: Sendable, Hashable {
  public var name: String
  public var value: String
  public init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}

public enum XMLNode: Sendable, Hashable {
  case element(XMLElement)
  case text(String)
  case cdata(String)
  case comment(String)
  case processingInstruction(target: String, data: String)

  public var element: XMLElement? {
    if case .element(let element) = self { return element }
    return nil
  }
}
