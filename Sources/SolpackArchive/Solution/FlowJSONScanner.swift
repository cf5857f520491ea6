import Foundation
import SolpackModel

/// One pass over a flow file's bytes that validates the JSON (RFC 8259, plus the
/// limits in `FlowJSONProblem`) and picks out the references, without building an
/// object graph: flow files are the bulk of a solution, and `JSONSerialization`
/// spent most of inspect's time and memory on them.
struct FlowJSONScanner {
  static let maxDepth = 512

  /// Where a value sits, as far as references care; everything else is `.other`.
  private enum Context {
    case root, properties, connectionReferences, definition, parameters, other
    case connectionReference(String), connection(String)
    case parameter(String), parameterMetadata(String)
  }

  /// A string as found: its bytes between the quotes, decoded only when it holds escapes.
  private struct Token {
    var start: Int
    var end: Int
    var decoded: [UInt8]?
  }

  private struct Key {
    var hash: UInt64
    var token: Token
  }

  private let base: UnsafePointer<UInt8>
  private let count: Int
  private var index = 0
  private var keys: [Key] = []
  private(set) var connections: [(key: String, name: String)] = []
  private(set) var parameters: [(key: String, name: String)] = []
  private(set) var childFlows: [String] = []
  private(set) var credentials: [String] = []

  private init(_ base: UnsafePointer<UInt8>, count: Int) {
    self.base = base
    self.count = count
  }

  /// The references in `data`, in file order (callers sort and de-duplicate).
  static func scan(_ data: Data) throws(FlowJSONProblem) -> FlowJSONScanner {
    let result: Result<FlowJSONScanner, FlowJSONProblem> = data.withUnsafeBytes { raw in
      guard let pointer = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
        return .failure(FlowJSONProblem(.invalid, at: 0, "the file is empty"))
      }
      var scanner = FlowJSONScanner(pointer, count: raw.count)
      do throws(FlowJSONProblem) {
        try scanner.document()
        return .success(scanner)
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  // MARK: - structure

  private mutating func document() throws(FlowJSONProblem) {
    if count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { index = 3 }
    skipSpace()
    guard index < count else { throw problem(.invalid, "the file holds no value") }
    guard base[index] == UInt8(ascii: "{") else {
      if base[index] >= 0x80 { try checkUTF8(at: index) }
      throw problem(.notObject, "the top level starts with \(describe(base[index]))")
    }
    try value(.root, depth: 1)
    skipSpace()
    if index < count {
      if base[index] >= 0x80 { try checkUTF8(at: index) }
      throw problem(.invalid, "\(describe(base[index])) after the top-level object")
    }
  }

  private mutating func value(_ context: Context, depth: Int) throws(FlowJSONProblem) {
    guard index < count else { throw problem(.invalid, "the file ends where a value should be") }
    switch base[index] {
    case UInt8(ascii: "{"): try object(context, depth: depth)
    case UInt8(ascii: "["): try array(depth: depth)
    case UInt8(ascii: "\""): _ = try string()
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
    case UInt8(ascii: "t"): try literal("true")
    case UInt8(ascii: "f"): try literal("false")
    case UInt8(ascii: "n"): try literal("null")
    case let byte:
      if byte >= 0x80 { try checkUTF8(at: index) }
      throw problem(.invalid, "\(describe(byte)) where a value should be")
    }
  }

  private mutating func object(_ context: Context, depth: Int) throws(FlowJSONProblem) {
    guard depth <= Self.maxDepth else {
      throw problem(.tooDeep, "more than \(Self.maxDepth) nested objects and arrays")
    }
    index += 1
    let first = keys.count
    // Objects past a few dozen keys check duplicates by hash set, so a huge object
    // stays linear; small ones (nearly all) compare hashes in place.
    var hashes: Set<UInt64>? = nil
    defer { keys.removeSubrange(first...) }
    skipSpace()
    if index < count, base[index] == UInt8(ascii: "}") {
      index += 1
      return
    }
    while true {
      skipSpace()
      guard index < count, base[index] == UInt8(ascii: "\"") else {
        throw unexpected("a key in quotes")
      }
      let keyStart = index
      let token = try string()
      let hash = hashOf(token)
      if try isDuplicate(hash, token, from: first, hashes: &hashes) {
        index = keyStart
        throw problem(.duplicateKey, "the key \"\(text(token))\" appears twice")
      }
      keys.append(Key(hash: hash, token: token))
      if hashes != nil {
        hashes!.insert(hash)
      } else if keys.count - first > 32 {
        hashes = Set(keys[first...].map(\.hash))
      }
      skipSpace()
      guard index < count, base[index] == UInt8(ascii: ":") else { throw unexpected("':'") }
      index += 1
      skipSpace()
      let child = childContext(context, token)
      if index < count, base[index] == UInt8(ascii: "\"") {
        let value = try string()
        record(key: token, value: value)
        capture(context, key: token, value: value)
      } else {
        try value(child, depth: depth + 1)
      }
      skipSpace()
      guard index < count else { throw unexpected("',' or '}'") }
      if base[index] == UInt8(ascii: ",") {
        index += 1
      } else if base[index] == UInt8(ascii: "}") {
        index += 1
        return
      } else {
        throw unexpected("',' or '}'")
      }
    }
  }

  private mutating func array(depth: Int) throws(FlowJSONProblem) {
    guard depth <= Self.maxDepth else {
      throw problem(.tooDeep, "more than \(Self.maxDepth) nested objects and arrays")
    }
    index += 1
    skipSpace()
    if index < count, base[index] == UInt8(ascii: "]") {
      index += 1
      return
    }
    while true {
      skipSpace()
      try value(.other, depth: depth + 1)
      skipSpace()
      guard index < count else { throw unexpected("',' or ']'") }
      if base[index] == UInt8(ascii: ",") {
        index += 1
      } else if base[index] == UInt8(ascii: "]") {
        index += 1
        return
      } else {
        throw unexpected("',' or ']'")
      }
    }
  }

  // MARK: - references

  /// The context of the value under `key`, following the two fixed paths
  /// `properties.connectionReferences.*.connection` and
  /// `properties.definition.parameters.*.metadata`.
  private func childContext(_ context: Context, _ key: Token) -> Context {
    switch context {
    case .root: return equals(key, "properties") ? .properties : .other
    case .properties:
      if equals(key, "connectionReferences") { return .connectionReferences }
      return equals(key, "definition") ? .definition : .other
    case .connectionReferences: return .connectionReference(text(key))
    case .connectionReference(let name):
      return equals(key, "connection") ? .connection(name) : .other
    case .definition: return equals(key, "parameters") ? .parameters : .other
    case .parameters: return .parameter(text(key))
    case .parameter(let name): return equals(key, "metadata") ? .parameterMetadata(name) : .other
    case .connection, .parameterMetadata, .other: return .other
    }
  }

  /// Strings on the two fixed paths; `context` is the object holding `key`.
  private mutating func capture(_ context: Context, key: Token, value: Token) {
    switch context {
    case .connection(let name) where equals(key, "connectionReferenceLogicalName"):
      connections.append((name, text(value)))
    case .parameterMetadata(let name) where equals(key, "schemaName"):
      parameters.append((name, text(value)))
    default: break
    }
  }

  /// Keys that name a child flow, a desktop flow or a credential at any depth.
  private mutating func record(key: Token, value: Token) {
    let length = key.decoded?.count ?? key.end - key.start
    guard length == 8 || length == 14 || length == 21 else { return }
    if equals(key, "workflowReferenceName") || equals(key, "uiFlowId") {
      childFlows.append(ComponentReference.normalizedID(text(value)))
    } else if equals(key, "credentialName") {
      credentials.append(text(value))
    }
  }

  // MARK: - tokens

  private mutating func skipSpace() {
    while index < count {
      switch base[index] {
      case 0x20, 0x0A, 0x0D, 0x09: index += 1
      default: return
      }
    }
  }

  private mutating func literal(_ word: StaticString) throws(FlowJSONProblem) {
    let bytes = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
    guard index + bytes.count <= count, memcmp(base + index, bytes.baseAddress!, bytes.count) == 0
    else { throw unexpected("\(word)") }
    index += bytes.count
  }

  private mutating func number() throws(FlowJSONProblem) {
    let start = index
    if base[index] == UInt8(ascii: "-") { index += 1 }
    guard index < count, isDigit(base[index]) else { throw unexpected("a digit") }
    if base[index] == UInt8(ascii: "0") {
      index += 1
    } else {
      while index < count, isDigit(base[index]) { index += 1 }
    }
    var plain = true
    if index < count, base[index] == UInt8(ascii: ".") {
      index += 1
      guard index < count, isDigit(base[index]) else { throw unexpected("a digit after '.'") }
      while index < count, isDigit(base[index]) { index += 1 }
    }
    if index < count, base[index] == UInt8(ascii: "e") || base[index] == UInt8(ascii: "E") {
      plain = false
      index += 1
      if index < count, base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-") {
        index += 1
      }
      guard index < count, isDigit(base[index]) else { throw unexpected("a digit in the exponent") }
      while index < count, isDigit(base[index]) { index += 1 }
    }
    // Without an exponent, anything under 309 digits fits a Double; only the rare
    // long or exponent form is handed to strtod.
    guard !plain || index - start > 300 else { return }
    let length = index - start
    let fits = withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer in
      let target = buffer.baseAddress!
      UnsafeMutableRawPointer(target).copyMemory(from: base + start, byteCount: length)
      target[length] = 0
      return strtod(target, nil).isFinite
    }
    guard fits else {
      index = start
      throw problem(.numberOutOfRange, "a number beyond ±1.8e308")
    }
  }

  /// Validates a string (escapes, control characters, UTF-8) and leaves `index` after it.
  private mutating func string() throws(FlowJSONProblem) -> Token {
    index += 1
    let start = index
    while index < count {
      let byte = base[index]
      if byte == UInt8(ascii: "\"") {
        index += 1
        return Token(start: start, end: index - 1, decoded: nil)
      }
      if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
      if byte < 0x20 { throw problem(.invalid, "a control character inside a string") }
      if byte < 0x80 {
        index += 1
      } else {
        index += try checkUTF8(at: index)
      }
    }
    throw problem(.invalid, "the file ends inside a string")
  }

  /// The slow path, from the first backslash: the string is decoded as it is checked.
  private mutating func escapedString(from start: Int) throws(FlowJSONProblem) -> Token {
    var decoded = Array(UnsafeBufferPointer(start: base + start, count: index - start))
    while index < count {
      let byte = base[index]
      if byte == UInt8(ascii: "\"") {
        index += 1
        return Token(start: start, end: index - 1, decoded: decoded)
      }
      if byte < 0x20 { throw problem(.invalid, "a control character inside a string") }
      if byte >= 0x80 {
        let length = try checkUTF8(at: index)
        decoded.append(contentsOf: UnsafeBufferPointer(start: base + index, count: length))
        index += length
        continue
      }
      guard byte == UInt8(ascii: "\\") else {
        decoded.append(byte)
        index += 1
        continue
      }
      guard index + 1 < count else { throw problem(.invalid, "the file ends inside a string") }
      let escape = base[index + 1]
      index += 2
      switch escape {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
      case UInt8(ascii: "b"): decoded.append(0x08)
      case UInt8(ascii: "f"): decoded.append(0x0C)
      case UInt8(ascii: "n"): decoded.append(0x0A)
      case UInt8(ascii: "r"): decoded.append(0x0D)
      case UInt8(ascii: "t"): decoded.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar) {
          guard index + 1 < count, base[index] == UInt8(ascii: "\\"),
            base[index + 1] == UInt8(ascii: "u")
          else { throw problem(.invalid, "a lone surrogate \\u escape") }
          index += 2
          let low = try hex4()
          guard (0xDC00..<0xE000).contains(low) else {
            throw problem(.invalid, "a lone surrogate \\u escape")
          }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(scalar) {
          throw problem(.invalid, "a lone surrogate \\u escape")
        }
        decoded.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
      default:
        index -= 2
        throw problem(.invalid, "an unknown escape \\\(describeRaw(escape))")
      }
    }
    throw problem(.invalid, "the file ends inside a string")
  }

  private mutating func hex4() throws(FlowJSONProblem) -> UInt32 {
    guard index + 4 <= count else { throw problem(.invalid, "the file ends inside a \\u escape") }
    var value: UInt32 = 0
    for offset in 0..<4 {
      let byte = base[index + offset]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw problem(.invalid, "a \\u escape with a non-hex digit")
      }
      value = value << 4 | UInt32(digit)
    }
    index += 4
    return value
  }

  /// The length of the UTF-8 sequence at `position` (RFC 3629: no overlong forms,
  /// no surrogates, nothing past U+10FFFF).
  @discardableResult
  private func checkUTF8(at position: Int) throws(FlowJSONProblem) -> Int {
    let lead = base[position]
    let length: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0:
      length = 3
      low = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED:
      length = 3
      high = 0x9F
    case 0xF0:
      length = 4
      low = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4:
      length = 4
      high = 0x8F
    default: throw FlowJSONProblem(.invalidUTF8, at: position, "byte 0x\(hex(lead))")
    }
    guard position + length <= count else {
      throw FlowJSONProblem(.invalidUTF8, at: position, "a sequence cut off by the end of the file")
    }
    let second = base[position + 1]
    guard second >= low, second <= high else {
      throw FlowJSONProblem(
        .invalidUTF8, at: position, "byte 0x\(hex(second)) after 0x\(hex(lead))")
    }
    for offset in 2..<length where base[position + offset] & 0xC0 != 0x80 {
      throw FlowJSONProblem(
        .invalidUTF8, at: position + offset, "byte 0x\(hex(base[position + offset]))")
    }
    return length
  }

  // MARK: - helpers

  private func isDuplicate(
    _ hash: UInt64, _ token: Token, from first: Int, hashes: inout Set<UInt64>?
  ) throws(FlowJSONProblem) -> Bool {
    if let set = hashes, !set.contains(hash) { return false }
    for key in keys[first...] where key.hash == hash && same(key.token, token) { return true }
    return false
  }

  /// FNV-1a over the key's decoded bytes, so `"a"` and `"\u0061"` collide as they should.
  private func hashOf(_ token: Token) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    withBytes(token) { bytes in
      for byte in bytes {
        hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
      }
    }
    return hash
  }

  private func same(_ a: Token, _ b: Token) -> Bool {
    withBytes(a) { x in withBytes(b) { y in x.elementsEqual(y) } }
  }

  private func equals(_ token: Token, _ word: StaticString) -> Bool {
    let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
    return withBytes(token) { $0.elementsEqual(expected) }
  }

  private func text(_ token: Token) -> String {
    withBytes(token) { String(decoding: $0, as: UTF8.self) }
  }

  private func withBytes<T>(_ token: Token, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
    if let decoded = token.decoded { return decoded.withUnsafeBufferPointer(body) }
    return body(UnsafeBufferPointer(start: base + token.start, count: token.end - token.start))
  }

  private func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  private func problem(_ kind: FlowJSONProblem.Kind, _ detail: String) -> FlowJSONProblem {
    FlowJSONProblem(kind, at: index, detail)
  }

  private func unexpected(_ expected: String) -> FlowJSONProblem {
    guard index < count else {
      return problem(.invalid, "the file ends where \(expected) should be")
    }
    if base[index] >= 0x80 {
      do { try checkUTF8(at: index) } catch { return error }
    }
    return problem(.invalid, "expected \(expected), found \(describe(base[index]))")
  }

  private func describe(_ byte: UInt8) -> String {
    (0x21..<0x7F).contains(byte) ? "'\(describeRaw(byte))'" : "byte 0x\(hex(byte))"
  }

  private func describeRaw(_ byte: UInt8) -> String { String(UnicodeScalar(byte)) }

  private func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return "\(digits[Int(byte >> 4)])\(digits[Int(byte & 15)])"
  }
}
