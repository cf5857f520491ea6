import Foundation
import SolpackTestSupport
import Testing

/// `solpack inspect` refuses each kind of hostile flow JSON with its own id, naming the
/// flow file and the flow.
@Suite struct HostileFlowJSONEndToEndTests {
  @Test(arguments: [
    ("flow-json-invalid", Data(#"{"properties":{"definition":}"#.utf8)),
    ("flow-json-invalid-utf8", Data([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D])),
    ("flow-json-too-deep", Data(("{\"a\":" + String(repeating: "[", count: 600)).utf8)),
    ("flow-json-duplicate-key", Data(#"{"properties":{},"properties":{"x":1}}"#.utf8)),
    ("flow-json-number-out-of-range", Data(#"{"properties":{"n":1e400}}"#.utf8)),
    ("flow-json-not-object", Data(#"[{"properties":{}}]"#.utf8)),
  ])
  func inspectNamesTheProblem(id: String, body: Data) throws {
    let folder = TestFolder()
    let (tree, flow) = try SolpackBinary.invoiceFlowsCopy(in: folder.url)
    try body.write(to: tree.appendingPathComponent("Workflows/\(flow)"))
    let run = try SolpackBinary.run(["inspect", tree.path])
    #expect(run.status == 1, "\(run.stderr)")
    let line = run.stderr.split(separator: "\n").first { $0.contains("[\(id)]") }
    #expect(line?.contains("error") == true, "\(run.stderr)")
    #expect(line?.contains("Workflows/\(flow)") == true, "\(run.stderr)")
    #expect(run.stderr.components(separatedBy: "[flow-json-").count == 2, "\(run.stderr)")
  }
}
