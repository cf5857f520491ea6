import Foundation

/// A solution version: `major.minor.build.revision`, compared part by part.
/// Older on-premises exports carry two or three parts (`1.55`); missing parts are 0.
public struct SolutionVersion: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public var parts: [Int]
  /// The text as written, kept so an unedited manifest is written back unchanged.
  public var text: String

  public init?(_ text: String) {
    let pieces = text.trimmingCharacters(in: .whitespaces).split(
      separator: ".", omittingEmptySubsequences: false)
    guard (2...4).contains(pieces.count) else { return nil }
    var parts: [Int] = []
    for piece in pieces {
      guard !piece.isEmpty, piece.allSatisfy(\.isASCII), let value = Int(piece), value >= 0
      else { return nil }
      parts.append(value)
    }
    self.parts = parts
    self.text = text
  }

  private var padded: [Int] { parts + Array(repeating: 0, count: max(0, 4 - parts.count)) }

  public static func < (lhs: SolutionVersion, rhs: SolutionVersion) -> Bool {
    lhs.padded.lexicographicallyPrecedes(rhs.padded)
  }

  public static func == (lhs: SolutionVersion, rhs: SolutionVersion) -> Bool {
    lhs.padded == rhs.padded
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(padded) }

  public var description: String { text }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let version = SolutionVersion(text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "not a version: \(text)"))
    }
    self = version
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(text)
  }
}
