import Foundation
import SolpackArchive
import SolpackModel
import SolpackTestSupport
import Testing

@testable import SolpackEnvironment

@Suite struct ImportPlannerTests {
  /// A minimal extracted solution that provides `provides` connection references and
  /// whose flow uses `uses`.
  static func solution(_ folder: TestFolder, _ name: String, provides: [String], uses: [String])
    throws -> String
  {
    let references = provides.map {
      "<connectionreference connectionreferencelogicalname=\"\($0)\"><connectorid>/providers/Microsoft.PowerApps/apis/shared_x</connectorid></connectionreference>"
    }.joined()
    let flowID = UUID().uuidString.lowercased()
    let connections = uses.enumerated().map {
      "\"c\($0.offset)\":{\"connection\":{\"connectionReferenceLogicalName\":\"\($0.element)\"}}"
    }.joined(separator: ",")
    try folder.write([
      "\(name)/solution.xml": """
      <ImportExportXml><SolutionManifest><UniqueName>\(name)</UniqueName><Version>1.0.0.0</Version>\
      <Managed>0</Managed><Publisher><UniqueName>P</UniqueName><CustomizationPrefix>p</CustomizationPrefix>\
      </Publisher><RootComponents /><MissingDependencies /></SolutionManifest></ImportExportXml>
      """,
      "\(name)/customizations.xml": """
      <ImportExportXml><Workflows><Workflow WorkflowId="{\(flowID)}" Name="\(name) flow">\
      <JsonFileName>/Workflows/F-\(flowID).json</JsonFileName><Category>5</Category><StateCode>1</StateCode>\
      </Workflow></Workflows><connectionreferences>\(references)</connectionreferences></ImportExportXml>
      """,
      "\(name)/Workflows/F-\(flowID).json":
        "{\"properties\":{\"connectionReferences\":{\(connections)}}}",
      "\(name)/[Content_Types].xml": String(
        decoding: ContentTypes.generate(paths: ["a.xml", "a.json"]), as: UTF8.self),
    ])
    return folder.path(name).path
  }

  @Test func ordersByWhatEachProvidesWhateverTheArgumentOrder() throws {
    let folder = TestFolder()
    let a = try Self.solution(folder, "A", provides: ["p_a"], uses: [])
    let b = try Self.solution(folder, "B", provides: ["p_b"], uses: ["p_a"])
    let c = try Self.solution(folder, "C", provides: [], uses: ["p_b", "p_a"])
    for order in [[c, b, a], [a, b, c], [b, c, a]] {
      let report = ImportEngine.run(order, store: nil, options: ImportOptions(mode: .check))
      #expect(report.plan.map(\.uniqueName) == ["A", "B", "C"])
      #expect(report.plan.last?.after == ["A", "B"])
      #expect(report.outcome == .passed, "\(report.allDiagnostics)")
    }
  }

  @Test func cycleIsAnErrorThatListsIt() throws {
    let folder = TestFolder()
    let a = try Self.solution(folder, "A", provides: ["p_a"], uses: ["p_b"])
    let b = try Self.solution(folder, "B", provides: ["p_b"], uses: ["p_a"])
    let report = ImportEngine.run([a, b], store: nil, options: ImportOptions(mode: .check))
    #expect(report.outcome == .refused)
    let cycle = try #require(report.diagnostics.first { $0.id == "dependency-cycle" })
    #expect(cycle.message.contains("A → B → A"))
    #expect(cycle.hint != nil)
  }

  @Test func unknownFlowReferenceIsNamedAsSuch() throws {
    let folder = TestFolder()
    let lonely = try Self.solution(folder, "L", provides: [], uses: ["p_nowhere"])
    let report = ImportEngine.run([lonely], store: nil, options: ImportOptions(mode: .check))
    let diagnostic = try #require(report.allDiagnostics.first { $0.id == "flow-reference-unknown" })
    #expect(diagnostic.message.contains("connection reference p_nowhere"))
    #expect(
      report.solutions.first?.checks.contains(
        ImportReport.Check(id: "flow-reference-unknown", passed: false)) == true)
  }
}

@Suite struct ImportSettingsTests {
  /// ALM Accelerator placeholders left in a settings file would bind connections to a
  /// token: refuse them, naming the entries, never the values.
  @Test func unresolvedTokensAreRefused() throws {
    let folder = TestFolder()
    let a = try ImportPlannerTests.solution(folder, "A", provides: ["p_a"], uses: ["p_a"])
    let settings = DeploymentSettings(connectionReferences: [
      .init(logicalName: "p_a", connectionID: "#{connectionreference.p_a}#")
    ])
    let report = ImportEngine.run(
      [a], store: nil, options: ImportOptions(mode: .check, settings: settings))
    let diagnostic = try #require(report.diagnostics.first { $0.id == "settings-unresolved-token" })
    #expect(diagnostic.message.contains("p_a"))
    #expect(report.outcome == .refused)
  }

  @Test func settingsThatMatchNothingAreWarnings() throws {
    let folder = TestFolder()
    let a = try ImportPlannerTests.solution(folder, "A", provides: ["p_a"], uses: [])
    let settings = DeploymentSettings(environmentVariables: [
      .init(schemaName: "p_Ghost", value: "x")
    ])
    let report = ImportEngine.run(
      [a], store: nil, options: ImportOptions(mode: .check, settings: settings))
    #expect(report.diagnostics.map(\.id) == ["settings-unmatched"])
    #expect(report.outcome == .passed)
  }
}
