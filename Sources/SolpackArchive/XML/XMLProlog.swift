import Foundation
import SolpackModel

/// What comes before and after the root element, read from the raw bytes before
/// libxml2 parses anything, so a DOCTYPE is refused before any DTD is looked at.
struct XMLProlog {
  var hasByteOrderMark = false
  var declaration: String?
  var newline = "\r\n"
  var trailer = ""

  /// Reads the bytes in place: a large customizations.xml is not copied for this.
  static func scan(_ data: Data, entry: String) throws -> XMLProlog {
    try data.withUnsafeBytes { try scan($0, entry: entry) }
  }

  private static func scan(_ bytes: UnsafeRawBufferPointer, entry: String) throws -> XMLProlog {
    var prolog = XMLProlog()
    var index = 0
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      prolog.hasByteOrderMark = true
      index = 3
    } else if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE])
      || (bytes.count > 1 && (bytes[0] == 0 || bytes[1] == 0))
    {
      throw XMLReader.failure(
        entry, "is not UTF-8 (solution XML is always UTF-8)", id: "xml-unsupported-encoding",
        hint: "Save the file as UTF-8.")
    }
    // Walk the prolog: whitespace, the declaration, PIs and comments, until the root.
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
        index += 1
      } else if starts(bytes, at: index, with: "<?") {
        guard let end = find("?>", in: bytes, from: index) else { break }
        if prolog.declaration == nil, starts(bytes, at: index, with: "<?xml") {
          prolog.declaration = String(decoding: bytes[index..<(end + 2)], as: UTF8.self)
        }
        index = end + 2
      } else if starts(bytes, at: index, with: "<!--") {
        guard let end = find("-->", in: bytes, from: index) else { break }
        index = end + 3
      } else if starts(bytes, at: index, with: "<!") {
        throw doctype(bytes, at: index, entry: entry)
      } else {
        break
      }
    }
    if let lf = bytes.firstIndex(of: 0x0A) {
      prolog.newline = lf > 0 && bytes[lf - 1] == 0x0D ? "\r\n" : "\n"
    }
    var end = bytes.count
    while end > 0, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[end - 1]) { end -= 1 }
    prolog.trailer = String(decoding: bytes[end...], as: UTF8.self)
    return prolog
  }

  /// Every DOCTYPE is refused; the id says what it tried. External entities and an
  /// external DTD would read files or the network (XXE); internal entities are how billion
  /// laughs and quadratic blow-up inflate a small file. Only the first MiB is looked at.
  private static func doctype(_ bytes: UnsafeRawBufferPointer, at start: Int, entry: String)
    -> DiagnosticError
  {
    let end = min(bytes.count, start + (1 << 20))
    let text = String(decoding: bytes[start..<end], as: UTF8.self)
    let hint = "Solution XML never needs a DOCTYPE or entities; remove them."
    // Up to the internal subset ('[') or the end of the DOCTYPE: the external DTD, if any.
    let head = text.prefix { $0 != "[" && $0 != ">" }
    if head.contains("SYSTEM") || head.contains("PUBLIC") {
      return XMLReader.failure(
        entry, "has a DOCTYPE that loads an external DTD", id: "xml-external-entity", hint: hint)
    }
    let declarations = text.components(separatedBy: "<!ENTITY").dropFirst().map {
      $0.prefix { $0 != ">" }
    }
    if declarations.contains(where: { $0.contains("SYSTEM") || $0.contains("PUBLIC") }) {
      return XMLReader.failure(
        entry, "declares an external entity (a file or URL to read)", id: "xml-external-entity",
        hint: hint)
    }
    if !declarations.isEmpty {
      return XMLReader.failure(
        entry, "declares \(declarations.count) entities (billion laughs, quadratic blow-up)",
        id: "xml-entity-declaration", hint: hint)
    }
    return XMLReader.failure(entry, "contains a DOCTYPE", id: "xml-doctype-refused", hint: hint)
  }

  /// Orders `attributes` as they appear in the root's start tag in the raw bytes.
  static func sourceOrder(of attributes: [XMLAttribute], startTagOf name: String, in data: Data)
    -> [XMLAttribute]
  {
    guard attributes.count > 1, attributes.contains(where: { $0.name.hasPrefix("xmlns") }) else {
      return attributes
    }
    let names = data.withUnsafeBytes { attributeNames(startTagOf: name, in: $0) }
    let rank = Dictionary(
      names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    return attributes.enumerated().sorted {
      (rank[$0.element.name] ?? Int.max, $0.offset) < (rank[$1.element.name] ?? Int.max, $1.offset)
    }.map(\.element)
  }

  /// The attribute names of the first start tag named `name`, in order.
  private static func attributeNames(startTagOf name: String, in bytes: UnsafeRawBufferPointer)
    -> [String]
  {
    guard let start = find("<" + name, in: bytes, from: 0) else { return [] }
    // Collect attribute names up to the tag's end, skipping quoted values.
    var names: [String] = []
    var index = start + 1 + name.utf8.count
    var quote: UInt8?
    var current: [UInt8] = []
    while index < bytes.count {
      let byte = bytes[index]
      if let open = quote {
        if byte == open { quote = nil }
      } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        quote = byte
      } else if byte == UInt8(ascii: "=") {
        names.append(String(decoding: current, as: UTF8.self))
        current = []
      } else if byte == UInt8(ascii: ">") {
        break
      } else if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
        current = []
      } else {
        current.append(byte)
      }
      index += 1
    }
    return names
  }

  private static func starts(_ bytes: UnsafeRawBufferPointer, at index: Int, with text: String)
    -> Bool
  {
    let needle = Array(text.utf8)
    return index + needle.count <= bytes.count
      && bytes[index..<(index + needle.count)].elementsEqual(needle)
  }

  private static func find(_ text: String, in bytes: UnsafeRawBufferPointer, from start: Int)
    -> Int?
  {
    let needle = Array(text.utf8)
    var index = start
    while index + needle.count <= bytes.count {
      if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) {
        return index
      }
      index += 1
    }
    return nil
  }
}
