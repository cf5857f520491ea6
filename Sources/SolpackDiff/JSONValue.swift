import Foundation

/// A JSON document as diff compares it, parsed straight from the bytes (RFC 8259, any
/// value at the top): `JSONSerialization` built Foundation objects for every node of
/// both versions of a changed flow only for diff to walk them once and free them.
enum JSONValue: Equatable {
  /// A repeated key keeps its last value, as `JSONSerialization` does.
  case object([String: JSONValue])
  case array([JSONValue])
  case string(String)
  /// The number as written; shown (and compared when the texts differ) as
  /// `JSONSerialization` reads it, so `1.0` and `1` stay the same value.
  case number(String)
  case bool(Bool)
  case null

  static let maxDepth = 512

  /// nil when `data` is not one JSON value (a UTF-8 byte order mark is allowed).
  static func parse(_ data: Data) -> JSONValue? {
    data.withUnsafeBytes { raw -> JSONValue? in
      var parser = Parser(bytes: raw.bindMemory(to: UInt8.self))
      if parser.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
      guard let value = parser.value(depth: 0) else { return nil }
      parser.skipSpace()
      return parser.index == parser.bytes.count ? value : nil
    }
  }

  private struct Parser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    mutating func skipSpace() {
      while index < bytes.count {
        switch bytes[index] {
        case 0x20, 0x0A, 0x0D, 0x09: index += 1
        default: return
        }
      }
    }

    mutating func value(depth: Int) -> JSONValue? {
      skipSpace()
      guard index < bytes.count, depth < JSONValue.maxDepth else { return nil }
      switch bytes[index] {
      case UInt8(ascii: "{"): return object(depth: depth)
      case UInt8(ascii: "["): return array(depth: depth)
      case UInt8(ascii: "\""): return string().map(JSONValue.string)
      case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
      case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
      case UInt8(ascii: "n"): return literal("null") ? .null : nil
      default: return number()
      }
    }

    mutating func object(depth: Int) -> JSONValue? {
      index += 1
      var members: [String: JSONValue] = [:]
      skipSpace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .object(members)
      }
      while true {
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = string() else {
          return nil
        }
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
        index += 1
        guard let value = value(depth: depth + 1) else { return nil }
        members[key] = value
        guard let more = separator(closing: UInt8(ascii: "}")) else { return nil }
        if !more { return .object(members) }
      }
    }

    mutating func array(depth: Int) -> JSONValue? {
      index += 1
      var items: [JSONValue] = []
      skipSpace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .array(items)
      }
      while true {
        guard let item = value(depth: depth + 1) else { return nil }
        items.append(item)
        guard let more = separator(closing: UInt8(ascii: "]")) else { return nil }
        if !more { return .array(items) }
      }
    }

    /// After a member or item: true at a comma, false at `closing`, nil at anything else.
    mutating func separator(closing: UInt8) -> Bool? {
      skipSpace()
      guard index < bytes.count else { return nil }
      index += 1
      switch bytes[index - 1] {
      case UInt8(ascii: ","): return true
      case closing: return false
      default: return nil
      }
    }

    mutating func literal(_ word: String) -> Bool {
      let end = index + word.utf8.count
      guard end <= bytes.count, bytes[index..<end].elementsEqual(word.utf8) else { return false }
      index = end
      return true
    }

    mutating func number() -> JSONValue? {
      let start = index
      func digits() -> Bool {
        let first = index
        while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
        return index > first
      }
      if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
      if index < bytes.count, bytes[index] == UInt8(ascii: "0") {
        index += 1
      } else if !digits() {
        return nil
      }
      if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
        index += 1
        guard digits() else { return nil }
      }
      if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
        index += 1
        if index < bytes.count,
          bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
        {
          index += 1
        }
        guard digits() else { return nil }
      }
      return .number(String(decoding: bytes[start..<index], as: UTF8.self))
    }

    /// A string's text, escapes decoded; nil for control characters, bad escapes or
    /// bytes that are not UTF-8.
    mutating func string() -> String? {
      index += 1
      // Bytes are gathered only once an escape is met: most strings have none, and
      // are made straight from the input.
      var decoded: [UInt8] = []
      var escaped = false
      var start = index
      while index < bytes.count {
        switch bytes[index] {
        case UInt8(ascii: "\""):
          defer { index += 1 }
          guard escaped else {
            return String(
              validating: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
          }
          decoded += bytes[start..<index]
          return String(validating: decoded, as: UTF8.self)
        case UInt8(ascii: "\\"):
          escaped = true
          decoded += bytes[start..<index]
          guard let scalar = escape() else { return nil }
          decoded += Array(String(scalar).utf8)
          start = index
        case 0..<0x20:
          return nil
        default:
          index += 1
        }
      }
      return nil
    }

    /// One escape after the backslash at `index`; leaves `index` after it.
    mutating func escape() -> Unicode.Scalar? {
      index += 1
      guard index < bytes.count else { return nil }
      index += 1
      switch bytes[index - 1] {
      case UInt8(ascii: "\""): return "\""
      case UInt8(ascii: "\\"): return "\\"
      case UInt8(ascii: "/"): return "/"
      case UInt8(ascii: "b"): return "\u{08}"
      case UInt8(ascii: "f"): return "\u{0C}"
      case UInt8(ascii: "n"): return "\n"
      case UInt8(ascii: "r"): return "\r"
      case UInt8(ascii: "t"): return "\t"
      case UInt8(ascii: "u"):
        guard let unit = hex4() else { return nil }
        if (0xD800..<0xDC00).contains(unit) {
          guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
            bytes[index + 1] == UInt8(ascii: "u")
          else { return nil }
          index += 2
          guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
          return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
        }
        return Unicode.Scalar(unit)  // nil for a lone low surrogate
      default: return nil
      }
    }

    mutating func hex4() -> UInt32? {
      guard index + 4 <= bytes.count,
        let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
      else { return nil }
      index += 4
      return value
    }
  }
}

extension JSONValue {
  /// The value as `JSONSerialization` would have given it: what `FieldDiff.render` shows.
  var foundationObject: Any {
    switch self {
    case .object(let members): members.mapValues(\.foundationObject)
    case .array(let items): items.map(\.foundationObject)
    case .string(let text): text
    case .number(let text):
      (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed))
        ?? text
    case .bool(let value): value
    case .null: NSNull()
    }
  }

  /// A `JSONSerialization` result as a value, for text only Foundation can read.
  init(foundation object: Any) {
    switch object {
    case let members as [String: Any]: self = .object(members.mapValues(JSONValue.init))
    case let items as [Any]: self = .array(items.map(JSONValue.init))
    case let text as String: self = .string(text)
    case is NSNull: self = .null
    default: self = .number(FieldDiff.render(object))
    }
  }
}
