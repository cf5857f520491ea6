import Foundation
import SolpackArchive
import SolpackModel
import SolpackTestSupport
import Testing

@testable import SolpackEnvironment

/// Builds small extracted solutions for the checks.
struct Built {
  let folder: TestFolder

  struct Variable {
    var schema: String
    var type: EnvironmentVariableType
    var value: String? = nil
    var required = false
  }

  func solution(
    _ name: String, version: String = "1.0.0.0", managed: Bool = false, variables: [Variable] = [],
    credential: (user: String, password: String, connectionType: Int, usage: String)? = nil,
    flows: [String] = [], directory: String? = nil
  ) throws -> String {
    let root = directory ?? "\(name)-\(version)"
    var files: [String: String] = [
      "\(root)/solution.xml": """
      <ImportExportXml><SolutionManifest><UniqueName>\(name)</UniqueName><Version>\(version)</Version>\
      <Managed>\(managed ? 1 : 0)</Managed><Publisher><UniqueName>P</UniqueName>\
      <CustomizationPrefix>p</CustomizationPrefix></Publisher><RootComponents />\
      <MissingDependencies /></SolutionManifest></ImportExportXml>
      """,
      "\(root)/[Content_Types].xml": String(
        decoding: ContentTypes.generate(paths: ["a.xml", "a.json"]), as: UTF8.self),
    ]
    var workflows = ""
    for flow in flows {
      let id = UUID().uuidString.lowercased()
      workflows +=
        "<Workflow WorkflowId=\"{\(id)}\" Name=\"\(flow)\"><JsonFileName>/Workflows/\(flow)-\(id).json</JsonFileName><Category>5</Category><StateCode>1</StateCode></Workflow>"
      files["\(root)/Workflows/\(flow)-\(id).json"] = #"{"properties":{}}"#
    }
    files["\(root)/customizations.xml"] =
      "<ImportExportXml><Workflows>\(workflows)</Workflows></ImportExportXml>"
    for variable in variables {
      let base = "\(root)/environmentvariabledefinitions/\(variable.schema)/"
      files[base + "environmentvariabledefinition.xml"] = """
        <environmentvariabledefinition schemaname="\(variable.schema)"><isrequired>\(variable.required ? 1 : 0)</isrequired><type>\(variable.type.rawValue)</type></environmentvariabledefinition>
        """
      if let value = variable.value {
        let json = String(
          decoding: try JSONSerialization.data(withJSONObject: ["value": value]), as: UTF8.self)
        files[base + "environmentvariablevalues.json"] =
          #"{"environmentvariablevalues":{"environmentvariablevalue":"# + json + "}}"
      }
    }
    if let credential {
      files["\(root)/credentials/C/credential.xml"] = """
        <credential name="C"><connectiontype>\(credential.connectionType)</connectiontype><password>\(credential.password)</password><usagetype>\(credential.usage)</usagetype><username>\(credential.user)</username></credential>
        """
    }
    try folder.write(files)
    return folder.path(root).path
  }
}

@Suite struct ImportChecksTests {
  static func ids(_ report: ImportReport) -> Set<String> {
    Set(report.allDiagnostics.filter { $0.severity == .error }.map(\.id))
  }

  @Test func valueChecks() throws {
    let built = Built(folder: TestFolder())
    let path = try built.solution(
      "V",
      variables: [
        .init(schema: "p_Count", type: .number, value: "many"),
        .init(schema: "p_Flag", type: .boolean, value: "true"),
        .init(schema: "p_Json", type: .json, value: "{oops"),
        .init(schema: "p_Secret", type: .secret, value: "plain-secret-value"),
        .init(schema: "p_Needed", type: .string, required: true),
      ])
    let report = ImportEngine.run([path], store: nil, options: ImportOptions(mode: .check))
    #expect(
      Self.ids(report) == ["env-value-type", "secret-not-reference", "required-value-missing"])
    let typeErrors = report.allDiagnostics.filter { $0.id == "env-value-type" }.map(\.component)
    #expect(typeErrors == ["environment variable p_Count", "environment variable p_Json"])
    #expect(!report.allDiagnostics.contains { $0.message.contains("plain-secret-value") })
    let checks = try #require(report.solutions.first?.checks)
    #expect(checks.contains(.init(id: "env-value-type", passed: false)))
    #expect(checks.contains(.init(id: "missing-dependency", passed: true)))
  }

  @Test func credentialChecks() throws {
    let built = Built(folder: TestFolder())
    let wrongTypes = try built.solution(
      "C1",
      variables: [.init(schema: "p_User", type: .secret), .init(schema: "p_Pass", type: .string)],
      credential: ("p_User", "p_Pass", 1, "280920001"))
    let certificate = try built.solution(
      "C2",
      variables: [
        .init(schema: "p_User2", type: .string), .init(schema: "p_Pass2", type: .secret),
      ],
      credential: ("p_User2", "p_Pass2", 5, "280920001"))
    let fine = try built.solution(
      "C3",
      variables: [
        .init(schema: "p_User3", type: .string), .init(schema: "p_Pass3", type: .secret),
      ],
      credential: ("p_User3", "p_Pass3", 5, "280920000"))
    for (path, count) in [(wrongTypes, 2), (certificate, 1), (fine, 0)] {
      let report = ImportEngine.run([path], store: nil, options: ImportOptions(mode: .check))
      #expect(
        report.allDiagnostics.filter { $0.id == "credential-invalid" }.count == count, "\(path)")
    }
  }

  @Test func managedConflictBothWays() throws {
    let folder = TestFolder()
    let built = Built(folder: folder)
    let store = SQLiteEnvironmentStore(path: folder.path("env.sqlite").path)
    let unmanaged = try built.solution("M", version: "1.0.0.0", managed: false)
    #expect(
      ImportEngine.run([unmanaged], store: store, options: ImportOptions()).outcome == .imported)
    let managed = try built.solution("M", version: "2.0.0.0", managed: true)
    let report = ImportEngine.run([managed], store: store, options: ImportOptions())
    #expect(Self.ids(report) == ["managed-conflict"])
  }

  @Test func upgradeRemovesWhatTheNewVersionLacksUnlessAnotherSolutionNeedsIt() throws {
    let folder = TestFolder()
    let built = Built(folder: folder)
    let store = SQLiteEnvironmentStore(path: folder.path("env.sqlite").path)
    let v1 = try built.solution(
      "Base",
      variables: [.init(schema: "p_Keep", type: .string), .init(schema: "p_Drop", type: .string)])
    #expect(ImportEngine.run([v1], store: store, options: ImportOptions()).outcome == .imported)
    let v2 = try built.solution(
      "Base", version: "2.0.0.0", variables: [.init(schema: "p_Keep", type: .string)])
    // Update keeps the component the archive no longer has; upgrade removes it.
    let update = ImportEngine.run([v2], store: store, options: ImportOptions(mode: .dryRun))
    #expect(update.solutions.first?.removed == [])
    let upgrade = ImportEngine.run([v2], store: store, options: ImportOptions(upgrade: true))
    #expect(upgrade.outcome == .imported)
    #expect(upgrade.solutions.first?.removed == ["environment variable p_Drop"])
    #expect(try store.load().environmentVariables.map(\.schemaName) == ["p_Keep"])
    #expect(try store.runs().count == 2)
  }

  @Test func upgradeRemovalBlockedByADependentSolution() throws {
    let folder = TestFolder()
    let built = Built(folder: folder)
    let store = SQLiteEnvironmentStore(path: folder.path("env.sqlite").path)
    let base = try built.solution("Base", variables: [.init(schema: "p_Shared", type: .string)])
    #expect(ImportEngine.run([base], store: store, options: ImportOptions()).outcome == .imported)
    try EnvironmentEngine.provide(
      "Consumer", version: "1.0.0.0", components: [], store: store)
    var state = try store.load()
    state.requirements.append(
      RequirementRecord(
        solution: "Consumer", key: ComponentKey(type: "environment-variable", name: "p_Shared")))
    try store.commit(state, entries: [:], run: nil)
    let emptied = try built.solution("Base", version: "2.0.0.0")
    let report = ImportEngine.run([emptied], store: store, options: ImportOptions(upgrade: true))
    #expect(report.outcome == .refused)
    let blocked = try #require(report.allDiagnostics.first { $0.id == "upgrade-removal-blocked" })
    #expect(blocked.message.contains("Consumer"))
  }

  @Test func unreadableInputIsARunLevelError() throws {
    let folder = TestFolder()
    try folder.write(["broken.zip": "not a zip"])
    let report = ImportEngine.run(
      [folder.path("broken.zip").path], store: nil, options: ImportOptions(mode: .check))
    #expect(report.outcome == .refused)
    #expect(report.diagnostics.map(\.id) == ["zip-not-an-archive"])
  }
}
