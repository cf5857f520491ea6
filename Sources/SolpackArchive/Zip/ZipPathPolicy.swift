/// Decides whether an entry name is safe to extract under a folder: relative, '/'
/// separators only, no `..`/`.`/empty segments, no drive letters, no control characters.
/// Applied to every entry on read and to every item on write.
public enum ZipPathPolicy {
  /// Why `path` is unsafe, or nil when it is fine. A single trailing '/' (directory entry)
  /// is accepted only when `allowDirectory` is true.
  public static func violation(in path: String, allowDirectory: Bool = true) -> String? {
    if path.isEmpty { return "the name is empty" }
    if let scalar = path.unicodeScalars.first(where: isControl) {
      return "it contains the control character U+\(hex4(scalar.value))"
    }
    if path.contains("\\") { return "it contains a backslash ('\\')" }
    if path.hasPrefix("/") { return "it is an absolute path (starts with '/')" }
    var body = Substring(path)
    if body.hasSuffix("/") {
      guard allowDirectory else { return "it ends with '/' (a directory name)" }
      body = body.dropLast()
    }
    let segments = body.split(separator: "/", omittingEmptySubsequences: false)
    if let first = segments.first, isDriveLetter(first) {
      return "it starts with a drive letter (\(first))"
    }
    for segment in segments {
      if segment.isEmpty { return "it has an empty segment ('//' or a lone '/')" }
      if segment == ".." { return "it has a '..' segment (path traversal)" }
      if segment == "." { return "it has a '.' segment" }
    }
    return nil
  }

  /// Throws `zip-unsafe-path` when `path` is unsafe.
  public static func validate(_ path: String, allowDirectory: Bool = true) throws {
    if let reason = violation(in: path, allowDirectory: allowDirectory) {
      throw ZipError.unsafePath(path, reason)
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
