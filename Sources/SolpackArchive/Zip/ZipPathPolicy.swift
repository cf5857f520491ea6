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
  public static func check(_ path: String, allowDirectory: Bool = true) -> Violation? {
    if path.isEmpty { return Violation(id: "zip-unsafe-path", reason: "the name is empty") }
    if let scalar = path.unicodeScalars.first(where: isControl) {
      return Violation(
        id: "zip-unsafe-path-control",
        reason: "it contains the control character U+\(hex4(scalar.value))")
    }
    if let first = path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).first,
      isDriveLetter(first)
    {
      return Violation(
        id: "zip-unsafe-path-drive", reason: "it starts with a drive letter (\(first))")
    }
    if path.hasPrefix("/") {
      return Violation(
        id: "zip-unsafe-path-absolute", reason: "it is an absolute path (starts with '/')")
    }
    if path.contains("\\") {
      return Violation(
        id: "zip-unsafe-path-backslash",
        reason: "it contains a backslash ('\\'), a folder separator on Windows")
    }
    var body = Substring(path)
    if body.hasSuffix("/") {
      guard allowDirectory else {
        return Violation(id: "zip-unsafe-path", reason: "it ends with '/' (a directory name)")
      }
      body = body.dropLast()
    }
    let segments = body.split(separator: "/", omittingEmptySubsequences: false)
    if segments.contains("..") {
      return Violation(
        id: "zip-unsafe-path-traversal", reason: "it has a '..' segment (path traversal)")
    }
    for segment in segments {
      if segment.isEmpty {
        return Violation(
          id: "zip-unsafe-path", reason: "it has an empty segment ('//' or a lone '/')")
      }
      if segment == "." { return Violation(id: "zip-unsafe-path", reason: "it has a '.' segment") }
    }
    return nil
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

  /// `C:`, `c:foo` — Windows would resolve these against a drive, not the output folder.
  private static func isDriveLetter(_ segment: Substring) -> Bool {
    let scalars = Array(segment.unicodeScalars.prefix(2))
    guard scalars.count == 2, scalars[1] == ":" else { return false }
    return scalars[0].isASCII && scalars[0].properties.isAlphabetic
  }

  private static func hex4(_ value: UInt32) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - text.count)) + text
  }
}
