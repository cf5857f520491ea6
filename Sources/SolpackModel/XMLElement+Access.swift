extension XMLElement {
  public subscript(attribute name: String) -> String? {
    get { attributes.first { $0.name == name }?.value }
    set {
      if let index = attributes.firstIndex(where: { $0.name == name }) {
        if let newValue {
          attributes[index].value = newValue
        } else {
          attributes.remove(at: index)
        }
      } else if let newValue {
        attributes.append(XMLAttribute(name, newValue))
      }
    }
  }

  public var elements: [XMLElement] { children.compactMap(\.element) }

  /// Without building `elements` first: the codecs look up a few children by name in
  /// each of thousands of elements, and copying every child element for each lookup
  /// was a tenth of reading a 10,000-component solution.
  public func elements(named name: String) -> [XMLElement] {
    children.compactMap {
      if case .element(let element) = $0, element.name == name { return element }
      return nil
    }
  }

  public func element(named name: String) -> XMLElement? {
    for case .element(let element) in children where element.name == name { return element }
    return nil
  }

  /// Concatenated text and CDATA of the direct children.
  public var text: String {
    children.reduce(into: "") { result, node in
      switch node {
      case .text(let text), .cdata(let text): result += text
      default: break
      }
    }
  }

  /// Text of the first child element with `name`; nil when absent or `xsi:nil`.
  public func text(of name: String) -> String? {
    guard let child = element(named: name), child[attribute: "xsi:nil"] != "true" else {
      return nil
    }
    return child.text
  }

  /// Sets the text of child `name`, keeping its position; appends the child when absent.
  public mutating func setText(_ value: String, of name: String) {
    let replacement = XMLNode.element(XMLElement(name, text: value))
    if let index = children.firstIndex(where: { $0.element?.name == name }) {
      var child = children[index].element ?? XMLElement(name)
      child.children = value.isEmpty ? [] : [.text(value)]
      children[index] = .element(child)
    } else {
      children.append(replacement)
    }
  }

  /// Replaces the first child element named `name`, or appends when absent.
  public mutating func replaceElement(named name: String, with element: XMLElement) {
    if let index = children.firstIndex(where: { $0.element?.name == name }) {
      children[index] = .element(element)
    } else {
      children.append(.element(element))
    }
  }

  /// Whether the element holds child elements (as opposed to only text).
  public var hasElementChildren: Bool { children.contains { $0.element != nil } }
}
