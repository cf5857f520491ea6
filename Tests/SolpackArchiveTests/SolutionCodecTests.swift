import Foundation
import SolpackModel
import SolpackTestSupport
import Testing

@testable import SolpackArchive

@Suite struct SolutionCodecTests {
  @Test func valuesFileAcceptsObjectArrayAndBareForms() throws {
    let object = """
      {"environmentvariablevalues":{"environmentvariablevalue":{"@environmentvariablevalueid":"b0ba","iscustomizable":"1","value":"x.crm.dynamics.com"}}}
      """
    let array = """
      {"environmentvariablevalues":{"environmentvariablevalue":[{"@environmentvariablevalueid":"c1","value":"first"},{"value":"second"}]}}
      """
    let bare = #"{"iscustomizable":"1"}"#
    let fromObject = try EnvironmentVariableCodec.decodeValue(Data(object.utf8), entry: "v.json")
    #expect(fromObject.id == "b0ba")
    #expect(fromObject.value == "x.crm.dynamics.com")
    #expect(
      try EnvironmentVariableCodec.decodeValue(Data(array.utf8), entry: "v.json").value == "first")
    let fromBare = try EnvironmentVariableCodec.decodeValue(Data(bare.utf8), entry: "v.json")
    #expect(fromBare.value == nil)
    #expect(fromBare.isCustomizable == "1")
    #expect(throws: DiagnosticError.self) {
      try EnvironmentVariableCodec.decodeValue(Data("{".utf8), entry: "v.json")
    }
  }

  @Test func flowScannerFindsEveryKindOfReference() throws {
    let json = """
      {"properties":{
        "connectionReferences":{"shared_office365":{"runtimeSource":"embedded",
          "connection":{"connectionReferenceLogicalName":"contoso_Outlook"},"api":{"name":"shared_office365"}}},
        "definition":{"parameters":{
          "$connections":{"defaultValue":{},"type":"Object"},
          "Site (contoso_Site)":{"defaultValue":"","type":"String","metadata":{"schemaName":"contoso_Site"}}},
          "actions":{"Run_child":{"type":"Workflow","inputs":{"host":{"workflowReferenceName":"{AAB06FEB-994B-EF11-A317-7C1E52150B3D}"}}},
            "Scope":{"actions":{"Run_desktop":{"inputs":{"parameters":{"uiFlowId":"a3f0d6b8-3a5d-ef11-8409-000d3a5c2e17"}}},
              "Get":{"inputs":{"credentialName":"Portal Login"}}}}}}},
       "schemaVersion":"1.0.0.0"}
      """
    let metadata = XMLElement(
      "Workflow",
      children: [
        .element(
          XMLElement(
            "Dependencies", text: #"{"credentials":[{"name":"Vault Login"}],"childFlows":[]}"#))
      ])
    let references = try #require(
      FlowReferenceScanner.scan(json: Data(json.utf8), metadata: metadata))
    #expect(references.connectionReferences == ["contoso_Outlook"])
    #expect(references.environmentVariables == ["contoso_Site"])
    #expect(
      references.childFlows == [
        "a3f0d6b8-3a5d-ef11-8409-000d3a5c2e17", "aab06feb-994b-ef11-a317-7c1e52150b3d",
      ])
    #expect(references.credentials == ["Portal Login", "Vault Login"])
    #expect(FlowReferenceScanner.scan(json: Data("[1]".utf8), metadata: metadata) == nil)
  }

  @Test func credentialDecodesLookupsAndUsage() throws {
    let text = """
      <credential name="Vault Login">
        <connectiontype>4</connectiontype>
        <cyberarkobject>contoso_Object</cyberarkobject>
        <store>cyberark</store>
        <usagetype>280920000,280920001</usagetype>
        <username>contoso_User</username>
      </credential>
      """
    let credential = try CredentialCodec.decode(
      XMLReader.parse(Data(text.utf8), entry: "c.xml"),
      entry: "credentials/VaultLogin/credential.xml")
    #expect(credential.name == "Vault Login")
    #expect(credential.store == .cyberArk)
    #expect(credential.usageTypes == [280_920_000, 280_920_001])
    #expect(credential.environmentVariables == ["contoso_User", "contoso_Object"])
    #expect(throws: DiagnosticError.self) {
      try CredentialCodec.decode(
        XMLReader.parse(Data("<credential />".utf8), entry: "c.xml"), entry: "c.xml")
    }
  }

  @Test func manifestEditRewritesOnlyManaged() throws {
    let text = """
      <ImportExportXml version="9.2" SolutionPackageVersion="9.2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\r
        <SolutionManifest>\r
          <UniqueName>A</UniqueName>\r
          <LocalizedNames>\r
            <LocalizedName description="A &amp; B" languagecode="1033" />\r
          </LocalizedNames>\r
          <Descriptions />\r
          <Version>1.2.3.4</Version>\r
          <Managed>0</Managed>\r
          <Publisher>\r
            <UniqueName>P</UniqueName>\r
            <EMailAddress xsi:nil="true"></EMailAddress>\r
            <CustomizationPrefix>p</CustomizationPrefix>\r
          </Publisher>\r
          <RootComponents />\r
          <MissingDependencies />\r
        </SolutionManifest>\r
      </ImportExportXml>
      """
    let original = Data(text.utf8)
    var manifest = try ManifestCodec.decode(
      XMLReader.parse(original, entry: "solution.xml"), entry: "solution.xml")
    #expect(manifest.displayName == "A & B")
    #expect(XMLWriter.data(ManifestCodec.encode(manifest)) == original)
    manifest.managed = .managed
    let edited = XMLWriter.data(ManifestCodec.encode(manifest))
    #expect(
      edited
        == Data(
          text.replacingOccurrences(of: "<Managed>0</Managed>", with: "<Managed>1</Managed>").utf8))
  }

  @Test(arguments: [
    (
      "<ImportExportXml><SolutionManifest><UniqueName>A</UniqueName><Version>1.0</Version><Publisher /></SolutionManifest></ImportExportXml>",
      "ok"
    ),
    (
      "<ImportExportXml><SolutionManifest><UniqueName>A</UniqueName><Version>one</Version><Publisher /></SolutionManifest></ImportExportXml>",
      "manifest-version-invalid"
    ),
    (
      "<ImportExportXml><SolutionManifest><Version>1.0.0.0</Version></SolutionManifest></ImportExportXml>",
      "manifest-element-missing"
    ),
    ("<Other />", "manifest-invalid"),
    (
      "<ImportExportXml><SolutionManifest><UniqueName>A</UniqueName><Version>1.0.0.0</Version><Managed>7</Managed><Publisher /></SolutionManifest></ImportExportXml>",
      "manifest-managed-invalid"
    ),
  ])
  func manifestProblemsHaveTheirOwnIDs(_ text: String, _ id: String) throws {
    do {
      _ = try ManifestCodec.decode(
        XMLReader.parse(Data(text.utf8), entry: "solution.xml"), entry: "solution.xml")
      #expect(id == "ok")
    } catch let error as DiagnosticError {
      #expect(error.diagnostic.id == id)
      #expect(error.diagnostic.hint != nil)
    }
  }

  /// The ASCII fast path gives what cutting the path into Characters gives.
  @Test(arguments: [
    ("Workflows/a.json", "json"), ("WebResources/x.JS", "JS"), ("a.b/c", nil),
    (".gitkeep", nil), ("Other/.x", nil), ("a/b.", nil), ("a/b.c/", "c"), ("///", nil),
    ("", nil), ("noext", nil), ("a/b.tar.gz", "gz"), ("Ünï/x.txt", "txt"),
    ("dir/é.\u{301}x", nil), ("dir/name.é", "é"),
  ])
  func fileExtensionOfAPath(_ path: String, _ expected: String?) {
    #expect(ContentTypes.fileExtension(path) == expected)
  }

  @Test func contentTypesKeptWhenCoveringAndRegeneratedOtherwise() {
    let dataverse = ContentTypes.generate(paths: [
      "solution.xml", "customizations.xml", "Workflows/a.json",
    ])
    let expected =
      "\u{FEFF}<?xml version=\"1.0\" encoding=\"utf-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/octet-stream\" /><Default Extension=\"json\" ContentType=\"application/octet-stream\" /></Types>"
    #expect(dataverse == Data(expected.utf8))
    #expect(ContentTypes.uncovered(by: dataverse, paths: ["a.xml", "B.JSON"]) == [])
    #expect(
      ContentTypes.uncovered(
        by: dataverse, paths: ["a.xml", "CanvasApps/x_BackgroundImageUri", "p.msapp"]) == [
          "CanvasApps/x_BackgroundImageUri", "p.msapp",
        ])
    let withOverride = ContentTypes.generate(paths: ["CanvasApps/x_BackgroundImageUri"])
    #expect(
      String(decoding: withOverride, as: UTF8.self).contains(
        "<Override PartName=\"/CanvasApps/x_BackgroundImageUri\""))
  }
}

@Suite struct SolutionReaderDiagnosticsTests {
  /// A tree built by hand: solution.xml, customizations.xml and the given extra files.
  static func tree(_ folder: TestFolder, extra: [String: String]) throws -> URL {
    let root = folder.path("tree")
    try folder.write([
      "tree/solution.xml": """
      <ImportExportXml><SolutionManifest><UniqueName>T</UniqueName><Version>1.0.0.0</Version>\
      <Managed>0</Managed><Publisher><UniqueName>P</UniqueName><CustomizationPrefix>p</CustomizationPrefix>\
      </Publisher><RootComponents /><MissingDependencies /></SolutionManifest></ImportExportXml>
      """,
      "tree/customizations.xml": "<ImportExportXml><Workflows /></ImportExportXml>",
      "tree/[Content_Types].xml": String(
        decoding: ContentTypes.generate(paths: ["a.xml", "b.json"]), as: UTF8.self),
    ])
    try folder.write(extra.reduce(into: [:]) { $0["tree/" + $1.key] = $1.value })
    return root
  }

  @Test func duplicateCredentialNamesAreErrors() throws {
    let folder = TestFolder()
    let root = try Self.tree(
      folder,
      extra: [
        "credentials/A/credential.xml": #"<credential name="Portal Login" />"#,
        "credentials/B/credential.xml": #"<credential name="portal login" />"#,
      ])
    let result = try SolutionReader.read(SolutionSources.open(root))
    let duplicate = try #require(result.diagnostics.first { $0.id == "duplicate-component" })
    #expect(duplicate.severity == .error)
    #expect(duplicate.component == "credential \"portal login\"")
  }

  /// Errors, not warnings: each hides what gets installed from whoever reads the tree.
  @Test func envVarFolderMismatchAndUnreferencedFlowFileAreErrors() throws {
    let folder = TestFolder()
    let root = try Self.tree(
      folder,
      extra: [
        "environmentvariabledefinitions/p_Wrong/environmentvariabledefinition.xml":
          #"<environmentvariabledefinition schemaname="p_Right"><type>100000000</type></environmentvariabledefinition>"#,
        "Workflows/Orphan-00000000-0000-0000-0000-000000000001.json": "{}",
      ])
    let result = try SolutionReader.read(SolutionSources.open(root))
    let ids = result.diagnostics.map(\.id)
    #expect(ids.contains("env-var-folder-mismatch"))
    #expect(ids.contains("flow-file-unreferenced"))
    #expect(result.diagnostics.allSatisfy { $0.severity == .error && $0.hint != nil })
    #expect(result.solution.environmentVariables.map(\.schemaName) == ["p_Right"])
  }

  /// Definitions and credentials are read in parallel; diagnostics still come in entry
  /// order, and the error thrown is the first broken file's in entry order.
  @Test func parallelReadsKeepEntryOrder() throws {
    var extra: [String: String] = [:]
    for index in 0..<60 {
      let folder = "p_V\(index)", schema = index % 7 == 3 ? "p_Other\(index)" : folder
      extra["environmentvariabledefinitions/\(folder)/environmentvariabledefinition.xml"] =
        #"<environmentvariabledefinition schemaname="\#(schema)"><type>100000000</type></environmentvariabledefinition>"#
      extra["environmentvariabledefinitions/\(folder)/environmentvariablevalues.json"] =
        #"{"environmentvariablevalues":{"environmentvariablevalue":{"value":"v\#(index)"}}}"#
    }
    for index in 0..<30 {
      extra["credentials/C\(index)/credential.xml"] = #"<credential name="Login \#(index)" />"#
    }
    let folder = TestFolder()
    let source = try SolutionSources.open(Self.tree(folder, extra: extra))
    let result = try SolutionReader.read(source)
    let mismatched = source.entries.map(\.path).filter {
      $0.hasSuffix("environmentvariabledefinition.xml")
        && [3, 10, 17, 24, 31, 38, 45, 52, 59].map { "/p_V\($0)/" }.contains(where: $0.contains)
    }
    #expect(
      result.diagnostics.filter { $0.id == "env-var-folder-mismatch" }.map(\.entry) == mismatched)
    #expect(result.solution.environmentVariables.count == 60)
    #expect(result.solution.environmentVariables.allSatisfy { $0.value?.value != nil })
    #expect(result.solution.credentials.count == 30)

    for broken in ["p_V12", "p_V40"] {
      extra["environmentvariabledefinitions/\(broken)/environmentvariabledefinition.xml"] =
        "<wrong/>"
    }
    let brokenFolder = TestFolder()
    let brokenSource = try SolutionSources.open(Self.tree(brokenFolder, extra: extra))
    let first = try #require(
      brokenSource.entries.map(\.path).first { $0.contains("/p_V12/") || $0.contains("/p_V40/") })
    let error = #expect(throws: DiagnosticError.self) { try SolutionReader.read(brokenSource) }
    #expect(error?.diagnostic.id == "env-var-invalid")
    #expect(error?.diagnostic.entry == first)
  }
}

@Suite struct UnpackedLayoutTests {
  /// pac splits entities, option sets, … into folders solpack does not merge back yet:
  /// packing says so once per folder instead of shipping them silently.
  @Test func splitOutFoldersAreReportedOncePerFolder() throws {
    let folder = TestFolder()
    try folder.write([
      "tree/Other/Solution.xml": """
      <ImportExportXml><SolutionManifest><UniqueName>T</UniqueName><Version>1.0.0.0</Version>\
      <Managed>0</Managed><Publisher><UniqueName>P</UniqueName><CustomizationPrefix>p</CustomizationPrefix>\
      </Publisher></SolutionManifest></ImportExportXml>
      """,
      "tree/Other/Customizations.xml":
        "<ImportExportXml><Entities /><Workflows /></ImportExportXml>",
      "tree/Other/Relationships.xml": "<EntityRelationships />",
      "tree/Entities/account/Entity.xml": "<Entity />",
      "tree/Entities/contact/Entity.xml": "<Entity />",
      "tree/WebResources/logo.png": "png",
    ])
    let source = try SolutionSources.open(folder.path("tree"))
    let warned = source.diagnostics.filter { $0.id == "unpacked-part-not-reinlined" }.compactMap(
      \.entry)
    #expect(warned == ["Entities/account/Entity.xml", "Other/Relationships.xml"])
    #expect(source.contains("Entities/contact/Entity.xml"))
    #expect(source.contains("WebResources/logo.png"))
    #expect(source.contains("[Content_Types].xml"))
  }
}
