import Foundation
import SolpackArchive
import SolpackModel

/// Writes a copy of a solution archive that means the same but looks different, the
/// way two exports of one solution differ: another entry order, the other line ends,
/// BOM and declaration toggled, unordered collections shuffled, attributes reversed,
/// some documents on one line, JSON minified with its keys in hash order. The
/// canonical form (`Canonical`) must not see any of it.
public enum ArchiveShuffler {
  /// Every entry's timestamp: 1980-01-01 00:00 UTC, so only `seed` varies the output.
  static let timestamp = Date(timeIntervalSince1970: 315_532_800)

  public static func shuffle(_ archive: URL, to output: URL, seed: UInt64) throws {
    var random = SplitMix64(seed: seed)
    let source = try ArchiveSource(url: archive)
    var items: [ZipWriter.Item] = []
    for entry in source.entries.shuffled(using: &random) {
      let data = try source.read(entry.path)
      let name = entry.path.lowercased()
      var shuffled = data
      if name.hasSuffix(".xml") {
        shuffled = xml(data, entry: entry.path, random: &random) ?? data
      } else if name.hasSuffix(".json") {
        shuffled = json(data) ?? data
      }
      items.append(ZipWriter.Item(path: entry.path, source: .data(shuffled)))
    }
    try ZipWriter.write(items, to: output, options: ZipWriter.Options(timestamp: timestamp))
  }

  /// The document written in another style, or nil when it does not parse.
  static func xml(_ data: Data, entry: String, random: inout SplitMix64) -> Data? {
    guard let file = try? XMLReader.parse(data, entry: entry) else { return nil }
    let compact = random.next() & 1 == 0
    let shuffled = XMLFile(
      root: element(file.root, random: &random), hasByteOrderMark: !file.hasByteOrderMark,
      declaration: file.declaration == nil ? XMLFile.standardDeclaration : nil,
      newline: file.newline == "\r\n" ? "\n" : "\r\n", trailer: file.trailer,
      isIndented: !compact)
    return XMLWriter.data(shuffled)
  }

  static func element(_ element: XMLElement, random: inout SplitMix64) -> XMLElement {
    var element = element
    element.attributes.reverse()
    element.children = element.children.map { child in
      guard case .element(let inner) = child else { return child }
      return .element(Self.element(inner, random: &random))
    }
    let elementOnly = element.children.allSatisfy { child in
      if case .text(let text) = child { return text.allSatisfy(\.isWhitespace) }
      return child.element != nil
    }
    // Only collections of elements: `<X>\n</X>` keeps its text, as a real export would.
    if elementOnly, element.children.contains(where: { $0.element != nil }),
      Canonical.unorderedCollections.contains(element.name)
    {
      element.children = element.children.filter { $0.element != nil }.shuffled(using: &random)
    }
    return element
  }

  /// Minified, keys in whatever order the dictionary holds them, `/` escaped.
  static func json(_ data: Data) -> Data? {
    guard let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    else { return nil }
    return try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed])
  }
}

/// SplitMix64 (Steele, Lea and Flood 2014): a tiny seeded generator, so a failing
/// shuffle can be replayed from its seed.
public struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
