/// Decides whether an entry name is safe to extract under a folder: relative, '/'
/// separators only, no `..`/`.`/empty segments, no drive letters, no control characters.
/// Applied to every entry on read and to every item on write.
///
/// Each kind of attack has its own id, all starting `zip-unsafe-path`, so reports say which
/// escape was tried and scripts can still match the family by prefix.
public enum ZipPathPolicy {
  public struct Violation: Sendable, Hashable {
    /// `zip-unsafe-path-traversal`, `-absolute`, `-drive`, `-backslash`, `-control`, or
    /// `zip-unsafe-path` for malformed names (empty, `//`, `.`).
    public var id: String
    public var reason: String
  }

  /// Why `path` is unsafe, or nil when it is fine. A single trailing '/' (directory entry)
  /// is accepted only when `allowDirectory` is true.
  public static func violation(in path: String, allowDirectory: Bool = true) -> String? {
    check(path, allowDirectory: allowDirectory)?.reason
  }

  /// The first rule `path` breaks. Order matters: `C:\x` is a drive letter before it is a
  /// backslash, and `..\x` is a backslash name (a traversal only where '\' separates).
  ///
  /// Works on the UTF-8 bytes, as the file system splits names: '/', '\', '.' and ':' are
  /// ASCII and never part of a multi-byte sequence. (Splitting on Characters cost a tenth
  /// of a 10,000-entry import, and missed "../\u{301}x": '/' and a combining mark make one
  /// Character, so its ".." segment went unseen.)
  public static func check(_ path: String, allowDirectory: Bool = true) -> Violation? {
    var path = path
    return path.withUTF8 { check(bytes: $0, allowDirectory: allowDirectory) }
  }

  private static func check(bytes: UnsafeBufferPointer<UInt8>, allowDirectory: Bool)
    -> Violation?
  {
    let slash = UInt8(ascii: "/"), backslash = UInt8(ascii: "\\"), dot = UInt8(ascii: ".")
    if bytes.isEmpty { return Violation(id: "zip-unsafe-path", reason: "the name is empty") }
    if let value = firstControl(bytes) {
      return Violation(
        id: "zip-unsafe-path-control", reason: "it contains the control character U+\(hex4(value))")
    }
    // The first segment that is not empty, between '/' or '\' separators.
    if let start = bytes.firstIndex(where: { $0 != slash && $0 != backslash }),
      start + 1 < bytes.count, bytes[start + 1] == UInt8(ascii: ":"), isASCIILetter(bytes[start])
    {
      let end = bytes[start...].firstIndex(where: { $0 == slash || $0 == backslash }) ?? bytes.count
      let first = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
      return Violation(
        id: "zip-unsafe-path-drive", reason: "it starts with a drive letter (\(first))")
    }
    if bytes[0] == slash {
      return Violation(
        id: "zip-unsafe-path-absolute", reason: "it is an absolute path (starts with '/')")
    }
    if bytes.contains(backslash) {
      return Violation(
        id: "zip-unsafe-path-backslash",
        reason: "it contains a backslash ('\\'), a folder separator on Windows")
    }
    var body = bytes[...]
    if body.last == slash {
      guard allowDirectory else {
        return Violation(id: "zip-unsafe-path", reason: "it ends with '/' (a directory name)")
      }
      body = body.dropLast()
    }
    // One pass over the segments (splitting them into an array cost a third of this
    // check): a '..' anywhere wins over an earlier empty or '.' segment.
    var malformed: Violation?
    var start = body.startIndex
    for end in body.startIndex...body.endIndex where end == body.endIndex || body[end] == slash {
      switch end - start {
      case 0 where malformed == nil:
        malformed = Violation(
          id: "zip-unsafe-path", reason: "it has an empty segment ('//' or a lone '/')")
      case 1 where body[start] == dot && malformed == nil:
        malformed = Violation(id: "zip-unsafe-path", reason: "it has a '.' segment")
      case 2 where body[start] == dot && body[start + 1] == dot:
        return Violation(
          id: "zip-unsafe-path-traversal", reason: "it has a '..' segment (path traversal)")
      default: break
      }
      start = end + 1
    }
    return malformed
  }

  /// The first control character (see `isControl`): C0 and DEL are single bytes, and
  /// U+0080–U+009F are 0xC2 0x80–0x9F in UTF-8.
  private static func firstControl(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte < 0x20 || byte == 0x7F { return UInt32(byte) }
      if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
        return UInt32(bytes[index + 1])
      }
      index += 1
    }
    return nil
  }

  private static func isASCIILetter(_ byte: UInt8) -> Bool {
    (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
  }

  /// Throws the violation's id when `path` is unsafe.
  public static func validate(_ path: String, allowDirectory: Bool = true) throws {
    if let violation = check(path, allowDirectory: allowDirectory) {
      throw ZipError.unsafePath(path, violation)
    }
  }

  /// General category Cc, which is exactly these two ranges; the range test is much
  /// cheaper than the Unicode property lookup, and every entry name is checked.
  static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }

  private static func hex4(_ value: UInt32) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - text.count)) + text
  }
}
