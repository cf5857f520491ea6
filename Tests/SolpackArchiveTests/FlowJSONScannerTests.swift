import Foundation
import SolpackModel
import Testing

@testable import SolpackArchive

/// The byte scanner that replaced `JSONSerialization` for flow files: each hostile
/// shape has its own id, and on real and synthetic flows it finds exactly what the
/// old object-graph reader found.
@Suite struct FlowJSONScannerTests {
  private static let noMetadata = XMLElement("Workflow")

  private func problem(_ text: String) -> FlowJSONProblem? {
    problem(Data(text.utf8))
  }

  private func problem(_ data: Data) -> FlowJSONProblem? {
    do {
      _ = try FlowReferenceScanner.references(json: data, metadata: Self.noMetadata)
      return nil
    } catch {
      return error
    }
  }

  @Test(arguments: [
    ("", 0), ("{", 1), (#"{"a":1,}"#, 7), (#"{"a" 1}"#, 5), (#"{"a":01}"#, 6), (#"{"a":1.}"#, 7),
    (#"{"a":tru}"#, 5), (#"{"a":"x\q"}"#, 7), ("{\"a\":\"x\ny\"}", 7), (#"{"a":1} x"#, 8),
    (#"{"a":"\ud800"}"#, 12), (#"{"a":[1 2]}"#, 8), (#"{'a':1}"#, 1), (#"{"a":"x"#, 7),
  ])
  func syntaxErrorsAreInvalid(text: String, offset: Int) {
    let found = problem(text)
    #expect(found?.kind == .invalid, "\(text)")
    #expect(found?.offset == offset, "\(text): \(String(describing: found))")
  }

  @Test func invalidUTF8IsNamed() {
    for bytes: [UInt8] in [
      [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D],  // 0xFF never appears in UTF-8
      [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC0, 0xAF, 0x22, 0x7D],  // overlong '/'
      [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D],  // a surrogate
      [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xE2, 0x82, 0x22, 0x7D],  // cut short
      [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x31, 0x7D, 0x80],  // after the object
    ] {
      #expect(problem(Data(bytes))?.kind == .invalidUTF8, "\(bytes)")
    }
    #expect(problem(Data(#"{"a":"é€😀"}"#.utf8)) == nil)
  }

  @Test func nestingPastTheLimitIsTooDeep() {
    let limit = FlowJSONScanner.maxDepth
    let fits =
      "{\"a\":" + String(repeating: "[", count: limit - 1)
      + String(repeating: "]", count: limit - 1) + "}"
    #expect(problem(fits) == nil)
    let deeper =
      "{\"a\":" + String(repeating: "[", count: limit) + String(repeating: "]", count: limit) + "}"
    #expect(problem(deeper)?.kind == .tooDeep)
    // A bomb that never closes is refused at the limit, not at the end of the file.
    let bomb = "{\"a\":" + String(repeating: "{\"a\":", count: 100_000)
    let found = problem(bomb)
    #expect(found?.kind == .tooDeep)
    #expect(found?.offset == 5 * limit)
  }

  @Test func aKeyTwiceInOneObjectIsADuplicate() {
    #expect(problem(#"{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}"#) == nil)
    let found = problem(#"{"properties":{"x":1,"y":2,"x":3}}"#)
    #expect(found?.kind == .duplicateKey)
    #expect(found?.offset == 27)
    #expect(found?.detail.contains("\"x\"") == true)
    // An escape spells the same key, so it hides nothing.
    #expect(problem(#"{"ab":1,"\u0061b":2}"#)?.kind == .duplicateKey)
    // Large objects switch to a hash set; a duplicate among hundreds is still found.
    let keys = (0..<500).map { "\"k\($0)\":\($0)" }
    #expect(problem("{" + keys.joined(separator: ",") + "}") == nil)
    #expect(problem("{" + keys.joined(separator: ",") + ",\"k250\":0}")?.kind == .duplicateKey)
  }

  @Test func numbersBeyondADoubleAreOutOfRange() {
    #expect(problem(#"{"a":1e400}"#)?.kind == .numberOutOfRange)
    #expect(problem(#"{"a":-1E+309}"#)?.kind == .numberOutOfRange)
    #expect(
      problem("{\"a\":" + String(repeating: "9", count: 400) + "}")?.kind == .numberOutOfRange)
    #expect(problem(#"{"a":[1e308, -0.5e-400, 123456789012345678901234567890, 0, -0.0]}"#) == nil)
  }

  @Test func aRootThatIsNotAnObjectIsNamed() {
    for text in ["[1]", "\"flow\"", "42", "null", "  true"] {
      #expect(problem(text)?.kind == .notObject, "\(text)")
    }
    #expect(problem("\u{FEFF}{}") == nil)
  }

  @Test func eachProblemBecomesItsOwnError() throws {
    let found = try #require(problem(#"{"a":1e400}"#))
    let diagnostic = found.diagnostic(path: "Workflows/F.json", flow: "F")
    #expect(diagnostic.id == "flow-json-number-out-of-range")
    #expect(diagnostic.severity == .error)
    #expect(diagnostic.entry == "Workflows/F.json")
    #expect(diagnostic.message.contains("byte 5"))
    #expect(Set(FlowJSONProblem.Kind.allCases.map(\.rawValue)).count == 6)
  }

  @Test func escapedKeysAndValuesAreDecoded() throws {
    let json = #"""
      {"properties":{"connectionReferences":{"k":{"connection":{"connectionReference\u004cogicalName":"contoso_\u00c9t\u00e9"}}},
       "definition":{"actions":{"a":{"inputs":{"credentialName":"Login \"A\"","uiFlowId":"\ud83d\ude00"}}}}}}
      """#
    let references = try FlowReferenceScanner.references(
      json: Data(json.utf8), metadata: Self.noMetadata)
    #expect(references.connectionReferences == ["contoso_Été"])
    #expect(references.credentials == ["Login \"A\""])
    #expect(references.childFlows == ["😀"])
  }

  /// Every flow file in the corpus, and flows shaped like the benchmark's, give the
  /// same references as the `JSONSerialization` reader this scanner replaced.
  @Test func agreesWithTheObjectGraphReader() throws {
    var files = Corpus.files(withSuffix: ".json").filter { $0.path.contains("/Workflows/") }
    if files.isEmpty { print(Corpus.skipMessage("agreesWithTheObjectGraphReader (corpus part)")) }
    var inputs = try files.map { try Data(contentsOf: $0) }
    inputs += (0..<40).map { Data(SyntheticFlow.json(seed: $0).utf8) }
    files.removeAll()
    for data in inputs {
      let old = ObjectGraphFlowReader.scan(json: data)
      let new = try FlowReferenceScanner.references(json: data, metadata: Self.noMetadata)
      #expect(old == new)
    }
    #expect(inputs.count >= 40)
  }
}
