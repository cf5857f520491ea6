import Foundation
import SolpackArchive
import SolpackModel
import SolpackTestSupport
import Testing

@testable import SolpackEnvironment

@Suite struct DeploymentSettingsTests {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let corpus = packageRoot.deletingLastPathComponent().appendingPathComponent(
    "shared/corpus")

  /// The real file, or nil (after a SKIP line) when the corpus is absent.
  func corpusFile(_ path: String, _ test: String = #function) -> URL? {
    guard FileManager.default.fileExists(atPath: Self.corpus.path) else {
      print("SKIP \(test): ../shared/corpus not found; corpus tests did not run")
      return nil
    }
    return Self.corpus.appendingPathComponent(path)
  }

  func decode(_ json: String) throws -> DeploymentSettings {
    try DeploymentSettings.decode(Data(json.utf8), name: "settings.json")
  }

  // MARK: Real files

  @Test func contosoRealEstateCoreCarriesNamesTypesAndDescriptions() throws {
    guard
      let url = corpusFile(
        "microsoft__contoso-real-estate-power-platform/src/core/solution/deploymentSettings.json")
    else { return }
    let settings = try DeploymentSettings.load(url)
    #expect(
      settings.environmentVariables.map(\.schemaName) == [
        "contoso_PaymentsApiAppId", "contoso_PaymentsApiBaseUrl", "contoso_PaymentsApiHost",
        "contoso_PaymentsApiResourceUrl", "contoso_PaymentsApiScope", "contoso_PaymentsApiSecret",
        "contoso_PaymentsApiTenantId",
      ])
    // DefaultValue sits beside Value; Value is what counts and it is empty.
    #expect(settings.environmentVariables.allSatisfy { $0.value == "" })
    #expect(settings.connectionReferences.isEmpty)
    #expect(settings.unresolvedTokens.isEmpty)
  }

  @Test func contosoRealEstatePortalBindsTwoConnectors() throws {
    guard
      let url = corpusFile(
        "microsoft__contoso-real-estate-power-platform/src/portal/solution/deploymentSettings.json")
    else { return }
    let settings = try DeploymentSettings.load(url)
    #expect(
      settings.environmentVariables == [
        .init(schemaName: "contoso_ContosoRealEstatePortalUrl", value: "")
      ])
    #expect(
      settings.connectionReferences == [
        .init(
          logicalName: "contoso_PortalBotQueries", connectionID: "",
          connectorID: "/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps"),
        .init(
          logicalName: "contoso_StripeAPI", connectionID: "",
          connectorID:
            "/providers/Microsoft.PowerApps/apis/shared_contoso-5fcontoso-20stripe-20api-5f6a4f91c8025d1333"
        ),
      ])
  }

  @Test func businessApprovalsKitHoldsOnlyAcceleratorTokens() throws {
    guard
      let url = corpusFile(
        "microsoft__powercat-business-approvals-kit/BusinessApprovalKit/config/Prod/deploymentSettings.json"
      )
    else { return }
    let settings = try DeploymentSettings.load(url)
    #expect(settings.environmentVariables.isEmpty)
    #expect(settings.connectionReferences.count == 6)
    #expect(
      settings.connectionReferences.first
        == .init(
          logicalName: "cat_BusinessApprovalKitApprovals",
          connectionID: "#{connectionreference.cat_BusinessApprovalKitApprovals}#",
          connectorID: "/providers/Microsoft.PowerApps/apis/shared_approvals"))
    #expect(settings.unresolvedTokens == settings.connectionReferences.map(\.logicalName))
  }

  // MARK: Tolerance

  @Test func unknownKeysAnywhereAreIgnored() throws {
    let settings = try decode(
      """
      {"Comment": "by hand", "Version": 2, "Extra": {"EnvironmentVariables": 1},
       "EnvironmentVariables": [{"SchemaName": "a_X", "Value": "v", "TypeId": 100000000,
         "Name": {"Default": "X", "ByLcid": {"1033": "X"}}, "IsRequired": false}],
       "ConnectionReferences": [{"LogicalName": "a_C", "ConnectionId": "0a1b",
         "ConnectorId": "/providers/Microsoft.PowerApps/apis/shared_teams",
         "ConnectionOwner": "someone@contoso.com", "Nested": [1, [2], {"k": null}]}]}
      """)
    #expect(settings.environmentVariables == [.init(schemaName: "a_X", value: "v")])
    #expect(
      settings.connectionReferences == [
        .init(
          logicalName: "a_C", connectionID: "0a1b",
          connectorID: "/providers/Microsoft.PowerApps/apis/shared_teams")
      ])
  }

  @Test func absentArraysAndValuesAreEmpty() throws {
    #expect(try decode("{}") == DeploymentSettings())
    #expect(try decode(#"{"EnvironmentVariables": null}"#) == DeploymentSettings())
    let settings = try decode(
      #"{"EnvironmentVariables": [{"SchemaName": "a_X"}, {"SchemaName": "a_Y", "Value": null}],"#
        + #""ConnectionReferences": [{"LogicalName": "a_C"}]}"#)
    #expect(settings.environmentVariables.map(\.value) == ["", ""])
    #expect(settings.connectionReferences == [.init(logicalName: "a_C")])
  }

  @Test func keyCaseIsIgnoredLikeDotNetReaders() throws {
    let settings = try decode(
      #"{"environmentVariables": [{"schemaname": "a_X", "VALUE": "v"}]}"#)
    #expect(settings.environmentVariables == [.init(schemaName: "a_X", value: "v")])
  }

  @Test func numbersAndBooleansAreTakenAsTheirJSONText() throws {
    let settings = try decode(
      """
      {"EnvironmentVariables": [
        {"SchemaName": "a_Int", "Value": 42}, {"SchemaName": "a_Dec", "Value": 1.5},
        {"SchemaName": "a_Big", "Value": 12345678901234567890},
        {"SchemaName": "a_True", "Value": true}, {"SchemaName": "a_False", "Value": false},
        {"SchemaName": "a_Json", "Value": {"b": [1, "x"], "a": null}}]}
      """)
    #expect(
      settings.environmentVariables.map(\.value) == [
        "42", "1.5", "12345678901234567890", "true", "false", #"{"a":null,"b":[1,"x"]}"#,
      ])
  }

  @Test func byteOrderMarkAndUTF16AreRead() throws {
    let json = #"{"EnvironmentVariables": [{"SchemaName": "a_X", "Value": "é"}]}"#
    let expected = DeploymentSettings(environmentVariables: [.init(schemaName: "a_X", value: "é")])
    let bom = Data([0xEF, 0xBB, 0xBF]) + Data(json.utf8)
    #expect(try DeploymentSettings.decode(bom, name: "s.json") == expected)
    // Windows PowerShell's Out-File writes UTF-16.
    let utf16 = try #require(json.data(using: .utf16))
    #expect(try DeploymentSettings.decode(utf16, name: "s.json") == expected)
  }

  // MARK: Errors

  static let invalidCases: [(json: String, message: String)] = [
    ("", "settings.json is not valid JSON"),
    (#"{"EnvironmentVariables": [}"#, "settings.json is not valid JSON"),
    ("[]", "settings.json is not a JSON object"),
    (#""text""#, "settings.json is not a JSON object"),
    (#"{"EnvironmentVariables": {}}"#, "EnvironmentVariables in settings.json is not an array"),
    (
      #"{"ConnectionReferences": [{"LogicalName": "a"}, "b"]}"#,
      "ConnectionReferences[1] in settings.json is not an object"
    ),
    (
      #"{"EnvironmentVariables": [{"SchemaName": "a"}, {"Value": "v"}]}"#,
      "EnvironmentVariables[1] in settings.json has no SchemaName"
    ),
    (
      #"{"EnvironmentVariables": [{"SchemaName": ""}]}"#,
      "EnvironmentVariables[0] in settings.json has no SchemaName"
    ),
    (
      #"{"EnvironmentVariables": [{"SchemaName": 7}]}"#,
      "EnvironmentVariables[0] in settings.json has no SchemaName"
    ),
    (
      #"{"ConnectionReferences": [{"ConnectionId": "c", "ConnectorId": "x"}]}"#,
      "ConnectionReferences[0] in settings.json has no LogicalName"
    ),
  ]

  @Test(arguments: invalidCases)
  func invalidFilesAreRefusedWithTheirReason(_ json: String, _ message: String) throws {
    let error = try #require(throws: DiagnosticError.self) { try decode(json) }
    #expect(error.diagnostic.id == "settings-invalid")
    #expect(error.diagnostic.severity == .error)
    #expect(error.diagnostic.message == message)
    #expect(error.diagnostic.entry == "settings.json")
    #expect(error.diagnostic.hint?.isEmpty == false)
  }

  @Test func anUnreadableFileIsReported() throws {
    let folder = TestFolder()
    for url in [folder.path("missing.json"), folder.url] {
      let error = try #require(throws: DiagnosticError.self) {
        try DeploymentSettings.load(url)
      }
      #expect(error.diagnostic.id == "settings-unreadable")
      #expect(error.diagnostic.hint?.isEmpty == false)
    }
  }

  @Test func aSecretValueNeverReachesADiagnostic() throws {
    let secret =
      "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv/secrets/pw"
    let documents = [
      // Broken right after the secret, inside it, and around it.
      #"{"EnvironmentVariables": [{"SchemaName": "a", "Value": "\#(secret)" x}]}"#,
      #"{"EnvironmentVariables": [{"SchemaName": "a", "Value": "\#(secret)\q"}]}"#,
      #"{"EnvironmentVariables": [{"SchemaName": "a", "Value": "\#(secret)"#,
      #"["\#(secret)"]"#,
      #"{"EnvironmentVariables": [{"Value": "\#(secret)"}]}"#,
      #"{"EnvironmentVariables": [{"SchemaName": "\#(secret)"}, "\#(secret)"]}"#,
      #"{"ConnectionReferences": [{"ConnectionId": "\#(secret)"}]}"#,
      #"{"ConnectionReferences": "\#(secret)"}"#,
    ]
    for document in documents {
      let error = try #require(throws: DiagnosticError.self) { try decode(document) }
      let text = error.diagnostic.message + (error.diagnostic.hint ?? "") + "\(error)"
      #expect(!text.contains("KeyVault"), "leaked in: \(error.diagnostic.message)")
    }
  }

  // MARK: Template and writing

  @Test func templateOfTheSamplesIsPacsLayoutByteForByte() throws {
    let solutions = try ["CredentialsCore", "InvoiceFlows"].map {
      let url = Self.packageRoot.appendingPathComponent("samples/\($0)")
      return try SolutionReader.read(try SolutionSources.open(url)).solution
    }
    let expected = SampleSettings.expected
    let encoded = DeploymentSettings.template(for: solutions).encoded()
    #expect(String(decoding: encoded, as: UTF8.self) == expected)
    // The Key Vault reference shipped in CredentialsCore is not copied into the template.
    #expect(!expected.contains("kv-contoso-automation"))
  }

  @Test func templateKeepsSolutionOrderSortsWithinEachAndListsANameOnce() throws {
    let first = try solution(
      "First", variables: ["b_Zeta", "a_alpha", "A_Beta"],
      references: [
        ("b_Shared", "/providers/Microsoft.PowerApps/apis/shared_teams"), ("a_Own", nil),
      ])
    let second = try solution(
      "Second", variables: ["a_Alpha", "0_First"], references: [("B_SHARED", nil)])
    let settings = DeploymentSettings.template(for: [first, second])
    #expect(
      settings.environmentVariables.map(\.schemaName) == [
        "a_alpha", "A_Beta", "b_Zeta", "0_First",
      ])
    #expect(settings.environmentVariables.allSatisfy { $0.value == "" })
    #expect(
      settings.connectionReferences == [
        .init(logicalName: "a_Own", connectionID: "", connectorID: nil),
        .init(
          logicalName: "b_Shared", connectionID: "",
          connectorID: "/providers/Microsoft.PowerApps/apis/shared_teams"),
      ])
    #expect(
      String(decoding: DeploymentSettings().encoded(), as: UTF8.self)
        == "{\n  \"EnvironmentVariables\": [],\n  \"ConnectionReferences\": []\n}\n")
  }

  @Test func encodeThenDecodeGivesTheSameSettings() throws {
    let settings = DeploymentSettings(
      environmentVariables: [
        .init(schemaName: "a_Plain", value: "https://contoso.sharepoint.com/sites/x"),
        .init(schemaName: "a_Escapes", value: "quote \" back \\ tab \t nl \n cr \r \u{01} \u{1F}"),
        .init(schemaName: "a_Unicode", value: "Zürich ✓ 😀 \u{2028}"),
        .init(schemaName: "a_Json", value: #"{"k": [1, 2]}"#),
        .init(schemaName: "a_Empty", value: ""),
      ],
      connectionReferences: [
        .init(logicalName: "a_C", connectionID: "0123456789abcdef0123456789abcdef"),
        .init(
          logicalName: "a_D", connectionID: "",
          connectorID: "/providers/Microsoft.PowerApps/apis/shared_office365"),
      ])
    let data = settings.encoded()
    #expect(try DeploymentSettings.decode(data, name: "s.json") == settings)
    // Foundation reads it too: it is plain JSON.
    #expect(try JSONSerialization.jsonObject(with: data) is [String: Any])
    #expect(String(decoding: data, as: UTF8.self).contains(#""a_Escapes""#))
    #expect(String(decoding: data, as: UTF8.self).contains(#"\u0001 \u001f"#))
  }

  @Test func unresolvedTokensNameTheEntriesStillHoldingAPlaceholder() {
    let settings = DeploymentSettings(
      environmentVariables: [
        .init(schemaName: "a_Token", value: "#{environmentvariable.a_Token}#"),
        .init(schemaName: "a_Inside", value: "https://#{host}#/api"),
        .init(schemaName: "a_Set", value: "https://contoso.com"),
        .init(schemaName: "a_Half", value: "#{not closed"),
        .init(schemaName: "a_Reversed", value: "}# then #{"),
      ],
      connectionReferences: [
        .init(logicalName: "a_C", connectionID: "#{connectionreference.a_C}#"),
        .init(logicalName: "a_D", connectionID: "0123456789abcdef0123456789abcdef"),
      ])
    #expect(settings.unresolvedTokens == ["a_Token", "a_Inside", "a_C"])
  }

  // MARK: Helpers

  func solution(
    _ name: String, variables: [String], references: [(String, String?)]
  ) throws -> Solution {
    let manifest = SolutionManifest(
      uniqueName: name, localizedNames: [], descriptions: [],
      version: try #require(SolutionVersion("1.0.0.0")), managed: .unmanaged,
      publisher: Publisher(uniqueName: "Contoso", customizationPrefix: "a"), rootComponents: [],
      missingDependencies: [], packageVersion: "9.2",
      file: XMLFile(root: XMLElement("ImportExportXml")))
    return Solution(
      manifest: manifest,
      connectionReferences: references.map {
        ConnectionReference(
          logicalName: $0.0, connectorID: $0.1, element: XMLElement("connectionreference"))
      },
      environmentVariables: variables.map {
        EnvironmentVariable(schemaName: $0, element: XMLElement("environmentvariabledefinition"))
      })
  }
}
