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
    lhs.kind == rhs.kind && order(lhs.name, rhs.name) == 0
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(kind)
    hasher.combine(name.lowercased())
  }

  public static func < (lhs: ComponentReference, rhs: ComponentReference) -> Bool {
    lhs.kind != rhs.kind ? lhs.kind < rhs.kind : order(lhs.name, rhs.name) < 0
  }

  /// How `a.lowercased()` compares with `b.lowercased()` (-1, 0, 1). Two ASCII names
  /// (nearly all of them) are compared byte by byte without building either: sorting a
  /// solution's requirements lowercased each name O(n log n) times.
  static func order(_ a: String, _ b: String) -> Int {
    guard a.utf8.allSatisfy({ $0 < 0x80 }), b.utf8.allSatisfy({ $0 < 0x80 }) else {
      let (x, y) = (a.lowercased(), b.lowercased())
      return x == y ? 0 : x < y ? -1 : 1
    }
    var left = a.utf8.makeIterator()
    var right = b.utf8.makeIterator()
    while true {
      switch (left.next(), right.next()) {
      case (nil, nil): return 0
      case (nil, _): return -1
      case (_, nil): return 1
      case (let x?, let y?):
        let (p, q) = (
          (0x41...0x5A).contains(x) ? x | 0x20 : x, (0x41...0x5A).contains(y) ? y | 0x20 : y
        )
        if p != q { return p < q ? -1 : 1 }
      }
    }
  }

  public var description: String { "\(kind.displayName) \(name)" }

  /// `{8C1238C7-…}` → `8c1238c7-…`.
  public static func normalizedID(_ id: String) -> String {
    id.trimmingCharacters(in: CharacterSet(charactersIn: "{} ")).lowercased()
  }
}
