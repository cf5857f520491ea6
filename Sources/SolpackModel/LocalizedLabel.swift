/// A display string in one language: `<LocalizedName description="…" languagecode="1033" />`.
public struct LocalizedLabel: Sendable, Hashable, Codable {
  public var text: String
  public var languageCode: Int

  public init(_ text: String, languageCode: Int = 1033) {
    self.text = text
    self.languageCode = languageCode
  }
}

extension Array where Element == LocalizedLabel {
  /// The English (1033) label, else the first one.
  public var preferred: String? {
    (first { $0.languageCode == 1033 } ?? first)?.text
  }
}
