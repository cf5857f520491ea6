import Foundation

/// Names one component across solutions: a kind and its key — logical name for
/// connection references, schema name for env vars, name for credentials, and the
/// lower-case GUID without braces for flows and custom connectors.
public struct ComponentReference: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public var kind: ComponentKind
  public var name: String

  public init(_ kind: ComponentKind, _ name: String) {
    self.kind = kind
    self.name = name
  }

  // Dataverse names are case-insensitive: compare and hash without case, show as written.
  public static func == (lhs: ComponentReference, rhs: ComponentReference) -> Bool {
    lhs.kind == rhs.kind && lhs.name.lowercasedName == rhs.name.lowercasedName
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(kind)
    hasher.combine(name.lowercasedName)
  }

  public static func < (lhs: ComponentReference, rhs: ComponentReference) -> Bool {
    (lhs.kind, lhs.name.lowercasedName) < (rhs.kind, rhs.name.lowercasedName)
  }

  public var description: String { "\(kind.displayName) \(name)" }

  /// `{8C1238C7-…}` → `8c1238c7-…`.
  public static func normalizedID(_ id: String) -> String {
    // Trimmed as bytes (the characters trimmed are ASCII, so no other character is cut):
    // Foundation's trimming cost 25,000 instructions a call, once per flow in pack.
    let bytes = id.utf8
    let trimmed: (UInt8) -> Bool = { $0 == 0x7B || $0 == 0x7D || $0 == 0x20 }
    guard let first = bytes.firstIndex(where: { !trimmed($0) }),
      let last = bytes.lastIndex(where: { !trimmed($0) })
    else { return "" }
    return String(decoding: bytes[first...last], as: UTF8.self).lowercasedName
  }
}
