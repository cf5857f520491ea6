import Foundation

extension Encodable {
  /// Every solpack JSON output: sorted keys, so the same value always gives the same
  /// bytes; two-space indent; dates in ISO 8601.
  func jsonText() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return String(decoding: try encoder.encode(self), as: UTF8.self)
  }
}
