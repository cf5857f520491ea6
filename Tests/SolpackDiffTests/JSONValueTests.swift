import Foundation
import Testing

@testable import SolpackDiff

/// diff's own JSON reader must read what `JSONSerialization` read, to the same values,
/// and refuse what it refused: the reports are built from it.
@Suite struct JSONValueTests {
  static let flows: [URL] = {
    guard let corpus = DiffCorpusTests.corpus,
      let all = FileManager.default.enumerator(at: corpus, includingPropertiesForKeys: nil)?
        .allObjects as? [URL]
    else { return [] }
    return all.filter { $0.pathExtension == "json" && $0.path.contains("/Workflows/") }
      .sorted { $0.path < $1.path }
  }()

  static func foundation(_ data: Data) -> Any? {
    try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)
  }

  @Test func readsEveryCorpusFlowAsJSONSerializationDoes() throws {
    if DiffCorpusTests.corpus == nil { print("SKIP JSONValueTests: ../shared/corpus not found") }
    #expect(DiffCorpusTests.corpus == nil || Self.flows.count > 20)
    for url in Self.flows {
      let data = try Data(contentsOf: url)
      let value = try #require(JSONValue.parse(data), "\(url.lastPathComponent)")
      let expected = try #require(Self.foundation(data))
      #expect(FieldDiff.render(value.foundationObject) == FieldDiff.render(expected))
      #expect(JSONValue(foundation: expected) == JSONValue(foundation: value.foundationObject))
    }
  }

  @Test(arguments: [
    #"{"a":[1,-0.5e+3,1E2,0,true,false,null],"b":{"c":"d"}}"#, #""\u00e9\ud83d\ude00\n\/""#,
    "\u{FEFF}{\"bom\":1}", " 12 ", #"{"k":1,"k":2}"#, "[]", "{}", #""é☃""#,
  ])
  func readsValidJSONToTheSameValues(_ text: String) throws {
    let data = Data(text.utf8)
    let value = try #require(JSONValue.parse(data))
    let expected = try #require(Self.foundation(data))
    #expect(FieldDiff.render(value.foundationObject) == FieldDiff.render(expected))
  }

  @Test(arguments: [
    "", "{", #"{"a":}"#, "01", "1.", "-", "1e", #""\x""#, "\"\u{01}\"", "tru", #"{"a" 1}"#,
    #""\ud800""#, #""\udc00x""#, "[1 2]", "nul", "[", #""abc"#, "1 2",
  ])
  func refusesWhatJSONSerializationRefuses(_ text: String) {
    #expect(JSONValue.parse(Data(text.utf8)) == nil)
    #expect(Self.foundation(Data(text.utf8)) == nil)
  }

  /// Foundation on Linux reads a trailing comma, which RFC 8259 does not allow: diff
  /// falls back to it there, so such a file compares as it did.
  @Test(arguments: ["[1,]", #"{"a":1,}"#]) func trailingCommasAreReadByFoundation(_ text: String)
    throws
  {
    let data = Data(text.utf8)
    #expect(JSONValue.parse(data) == nil)
    let expected = try #require(Self.foundation(data))
    #expect(DiffEngine.json(data) == JSONValue(foundation: expected))
  }

  @Test func refusesBytesThatAreNotUTF8AndNestingBeyondTheLimit() {
    #expect(JSONValue.parse(Data([0x22, 0xFF, 0x22])) == nil)
    let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
    #expect(JSONValue.parse(Data(deep.utf8)) == nil)
    let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
    #expect(JSONValue.parse(Data(fine.utf8)) != nil)
  }

  /// Numbers are compared as Foundation reads them: `1.0` and `1` are one value.
  @Test func numbersWrittenDifferentlyAreTheSameValue() throws {
    let a = try #require(JSONValue.parse(Data(#"{"n":1.0,"m":2}"#.utf8)))
    let b = try #require(JSONValue.parse(Data(#"{"n":1,"m":3}"#.utf8)))
    #expect(FieldDiff.json(a, b) == [.init(path: "/m", old: "2", new: "3")])
  }
}
