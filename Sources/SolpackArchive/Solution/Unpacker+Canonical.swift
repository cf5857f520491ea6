import Foundation

extension Unpacker {
  /// The files `unpack --canonical` rewrites, told by their name (docs/canonical.md).
  enum CanonicalKind {
    case xml
    case json

    /// `.xml` or `.json` at the end of the name, in any case; nil for every other file.
    init?(path: String) {
      let name = path.lowercased()
      if name.hasSuffix(".xml") {
        self = .xml
      } else if name.hasSuffix(".json") {
        self = .json
      } else {
        return nil
      }
    }

    /// The canonical bytes, or `data` unchanged when it does not parse: a file solpack
    /// cannot read is still part of the solution, so unpack keeps it rather than fail.
    func rewrite(_ data: Data, entry: String) -> Data {
      switch self {
      case .xml: return (try? Canonical.xmlData(data, entry: entry)) ?? data
      case .json: return (try? Canonical.json(data)) ?? data
      }
    }
  }
}
