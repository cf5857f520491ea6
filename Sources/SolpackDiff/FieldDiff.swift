import Foundation
import SolpackArchive
import SolpackModel

/// Field-level differences between two canonical XML elements and two JSON values.
enum FieldDiff {
  static let limit = 80

  /// Shortens a value for a report line.
  static func shorten(_ text: String) -> String {
    let flat = text.replacingOccurrences(of: "\n", with: " ")
    return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
  }

  // MARK: XML

  /// Both elements must be canonical (`Canonical.element`).
  static func xml(_ a: XMLElement, _ b: XMLElement, path: String) -> [DiffReport.FieldChange] {
    var changes: [DiffReport.FieldChange] = []
    let names = Set(a.attributes.map(\.name)).union(b.attributes.map(\.name)).sorted()
    for name in names where a[attribute: name] != b[attribute: name] {
      changes.append(
        .init(
          path: "\(path)/@\(name)", old: a[attribute: name].map(shorten),
          new: b[attribute: name].map(shorten)))
    }
    if !a.hasElementChildren && !b.hasElementChildren {
      if a.text != b.text {
        changes.append(.init(path: path, old: shorten(a.text), new: shorten(b.text)))
      }
      return changes
    }
    if Canonical.unorderedCollections.contains(a.name) {
      let left = Dictionary(
        a.elements.map { (text($0), $0) }, uniquingKeysWith: { first, _ in first })
      let right = Dictionary(
        b.elements.map { (text($0), $0) }, uniquingKeysWith: { first, _ in first })
      for key in left.keys.sorted() where right[key] == nil {
        changes.append(.init(path: "\(path)/\(left[key]!.name)", old: shorten(key), new: nil))
      }
      for key in right.keys.sorted() where left[key] == nil {
        changes.append(.init(path: "\(path)/\(right[key]!.name)", old: nil, new: shorten(key)))
      }
      return changes
    }
    var order: [String] = []
    for element in a.elements + b.elements where !order.contains(element.name) {
      order.append(element.name)
    }
    for name in order {
      let left = a.elements(named: name)
      let right = b.elements(named: name)
      for index in 0..<max(left.count, right.count) {
        let child =
          max(left.count, right.count) > 1 ? "\(path)/\(name)[\(index + 1)]" : "\(path)/\(name)"
        switch (index < left.count ? left[index] : nil, index < right.count ? right[index] : nil) {
        case (let l?, let r?): changes += xml(l, r, path: child)
        case (let l?, nil): changes.append(.init(path: child, old: shorten(text(l)), new: nil))
        case (nil, let r?): changes.append(.init(path: child, old: nil, new: shorten(text(r))))
        case (nil, nil): break
        }
      }
    }
    return changes
  }

  /// An element on one line, or its text content when it is only text.
  static func text(_ element: XMLElement) -> String {
    element.hasElementChildren || !element.attributes.isEmpty
      ? XMLWriter.inline(element) : element.text
  }

  // MARK: JSON

  static func json(_ a: JSONValue?, _ b: JSONValue?, pointer: String = "") -> [DiffReport
    .FieldChange]
  {
    let path = pointer  // RFC 6901: the whole document is "", not "/"
    switch (a, b) {
    // An equal subtree is passed over without building a path for each of its values.
    case (.object(let l)?, .object(let r)?) where l == r:
      return []
    case (.array(let l)?, .array(let r)?) where l == r:
      return []
    case (.object(let l)?, .object(let r)?):
      var changes: [DiffReport.FieldChange] = []
      for key in Set(l.keys).union(r.keys).sorted() {
        changes += json(l[key], r[key], pointer: pointer + "/" + escape(key))
      }
      return changes
    case (.array(let l)?, .array(let r)?):
      var changes: [DiffReport.FieldChange] = []
      for index in 0..<max(l.count, r.count) {
        let left = index < l.count ? l[index] : nil
        let right = index < r.count ? r[index] : nil
        changes += json(left, right, pointer: pointer + "/" + String(index))
      }
      return changes
    case (.string(let l)?, .string(let r)?) where l == r:
      return []  // most values of an edited flow are unchanged strings: no rendering
    case (.number(let l)?, .number(let r)?) where l == r:
      return []
    default:
      let left = a.map { render($0.foundationObject) }
      let right = b.map { render($0.foundationObject) }
      return left == right
        ? [] : [.init(path: path, old: left.map(shorten), new: right.map(shorten))]
    }
  }

  /// A JSON value as compact text with sorted keys.
  static func render(_ value: Any) -> String {
    if value is NSNull { return "null" }
    if let text = value as? String,
      !text.contains(where: { $0 == "\"" || $0 == "\\" || $0.asciiValue.map { $0 < 0x20 } == true })
    {
      return "\"\(text)\""  // the common case, without a trip through JSONSerialization
    }
    let data = try? JSONSerialization.data(
      withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])
    return data.map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
  }

  /// RFC 6901: `~` → `~0`, `/` → `~1`.
  static func escape(_ key: String) -> String {
    // Almost no key needs escaping; Foundation's replace is slow even when nothing matches.
    guard key.utf8.contains(where: { $0 == 0x7E || $0 == 0x2F }) else { return key }
    return key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
  }
}
