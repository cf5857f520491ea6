import Foundation
import SolpackArchive
import SolpackModel
import SolpackTestSupport
import Testing

@testable import SolpackEnvironment

/// `credential create`'s rules, each refused with its own id, against an environment
/// holding samples/CredentialsCore (String contoso_InvoicePortalUsername, Secret
/// contoso_InvoicePortalPassword holding a Key Vault reference).
@Suite struct CredentialCreateTests {
  static let keyVault = CredentialRequest.Secret.new(
    subscription: "0000", resourceGroup: "rg", vault: "kv-contoso", secret: "sap-password",
    displayName: nil, schemaName: nil)

  static func request(
    _ name: String = "SAP Logon", usages: [CredentialRequest.Usage] = [.desktopFlow],
    store: Credential.Store = .azureKeyVault, auth: CredentialRequest.Authentication = .password,
    username: CredentialRequest.Username? = .existing(schemaName: "contoso_InvoicePortalUsername"),
    secret: CredentialRequest.Secret? = keyVault, cyberArk: CredentialRequest.CyberArk? = nil,
    solution: String? = "CredentialsCore"
  ) -> CredentialRequest {
    CredentialRequest(
      name: name, usages: usages, store: store, authentication: auth, solution: solution,
      username: username, secret: secret, cyberArk: cyberArk)
  }

  static let ark = CredentialRequest.CyberArk(
    serverAddress: "https://ccp.contoso.local", applicationID: "PowerAutomateRPA", safe: "RPA",
    folder: "Root", objectName: "sap")

  static let refusals: [(String, CredentialRequest)] = [
    ("credential-name-taken", request("invoice portal login")),
    ("credential-name-invalid", request(String(repeating: "x", count: 101))),
    ("credential-usage-missing", request(usages: [])),
    ("credential-auth-not-allowed", request(usages: [.desktopFlow], auth: .certificate)),
    ("credential-auth-not-allowed", request(usages: [.network], auth: .certificate)),
    ("credential-auth-not-allowed", request(usages: [.connection, .network], auth: .certificate)),
    (
      "credential-auth-not-allowed",
      request(
        usages: [.connection], store: .cyberArk, auth: .certificate, secret: nil, cyberArk: ark)
    ),
    ("credential-secret-missing", request(secret: nil)),
    ("credential-username-missing", request(username: nil)),
    (
      "credential-variable-type",
      request(username: .existing(schemaName: "contoso_InvoicePortalPassword"))
    ),
    (
      "credential-variable-type",
      request(secret: .existing(schemaName: "contoso_InvoicePortalUsername"))
    ),
    ("environment-variable-not-found", request(username: .existing(schemaName: "contoso_Nope"))),
    (
      "credential-username-invalid",
      request(username: .new(displayName: "SAP user", value: "two words", schemaName: nil))
    ),
    (
      "credential-username-invalid",
      request(username: .new(displayName: "SAP user", value: "A\\B\\C", schemaName: nil))
    ),
    (
      "credential-username-invalid",
      request(username: .new(displayName: "SAP user", value: "user@", schemaName: nil))
    ),
    (
      "environment-variable-exists",
      request(
        username: .new(
          displayName: "SAP user", value: "sap", schemaName: "contoso_InvoicePortalUsername"))
    ),
    (
      "environment-variable-name-invalid",
      request(username: .new(displayName: "SAP user", value: "sap", schemaName: "other_SapUser"))
    ),
    (
      "secret-reference-invalid",
      request(
        secret: .new(
          subscription: "0000", resourceGroup: "", vault: "kv", secret: "s", displayName: nil,
          schemaName: nil))
    ),
    (
      "credential-cyberark-incomplete",
      request(
        store: .cyberArk, secret: nil,
        cyberArk: CredentialRequest.CyberArk(
          serverAddress: "https://ccp", applicationID: "", safe: "RPA", folder: "Root",
          objectName: "sap"))
    ),
    ("credential-options-conflict", request(store: .cyberArk, cyberArk: ark)),
    ("credential-options-conflict", request(cyberArk: ark)),
    ("solution-not-installed", request(solution: "Nowhere")),
  ]

  static func environment(_ folder: TestFolder) -> SQLiteEnvironmentStore {
    let store = SQLiteEnvironmentStore(path: folder.path("env.sqlite").path)
    let report = ImportEngine.run(
      [Samples.path("CredentialsCore")], store: store, options: ImportOptions(actor: "alice"))
    #expect(report.outcome == .imported)
    return store
  }

  @Test(arguments: refusals)
  func refused(_ id: String, _ request: CredentialRequest) throws {
    let folder = TestFolder()
    let store = Self.environment(folder)
    let before = try store.load()
    let error = #expect(throws: DiagnosticError.self) {
      try CredentialEngine(store: store, actor: "alice").create(request)
    }
    #expect(error?.diagnostic.id == id, "\(error?.diagnostic.message ?? "")")
    #expect(error?.diagnostic.hint?.isEmpty == false)
    #expect(try store.load() == before)
  }

  @Test func existingSecretVarMustHoldAReference() throws {
    let folder = TestFolder()
    let store = SQLiteEnvironmentStore(path: folder.path("env.sqlite").path)
    var state = EnvironmentState()
    state.environmentVariables = [
      EnvironmentVariableRecord(
        schemaName: "contoso_Pw", solution: "Default", type: 100_000_005, defaultValue: nil,
        currentValue: "not-a-reference", isRequired: false),
      EnvironmentVariableRecord(
        schemaName: "contoso_User", solution: "Default", type: 100_000_000, defaultValue: nil,
        currentValue: "CONTOSO\\sap", isRequired: false),
    ]
    try store.commit(state, entries: [:], run: nil)
    let error = #expect(throws: DiagnosticError.self) {
      try CredentialEngine(store: store, actor: "alice").create(
        Self.request(
          username: .existing(schemaName: "contoso_User"),
          secret: .existing(schemaName: "contoso_Pw"), solution: nil))
    }
    #expect(error?.diagnostic.id == "credential-secret-not-reference")
    #expect(error?.diagnostic.message.contains("not-a-reference") == false)
  }

  @Test func createsCredentialAndEnvVarsThatExportCarries() throws {
    let folder = TestFolder()
    let store = Self.environment(folder)
    let created = try CredentialEngine(store: store, actor: "alice").create(
      Self.request(
        username: .new(displayName: "SAP username", value: "sap@contoso.com", schemaName: nil)))
    #expect(
      created.createdVariables.sorted() == ["contoso_SAPLogonpassword", "contoso_SAPusername"])
    let state = try store.load()
    let password = try #require(
      state.environmentVariables.first { $0.schemaName == "contoso_SAPLogonpassword" })
    #expect(password.type == EnvironmentVariableType.secret.rawValue)
    #expect(
      password.currentValue
        == "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-contoso/secrets/sap-password"
    )
    #expect(CredentialAccess.owner(of: CredentialAccess.key("SAP Logon"), in: state) == "alice")
    let archive = folder.path("out.zip")
    _ = try ExportEngine.export("CredentialsCore", from: store, to: archive, options: .init())
    let solution = try SolutionReader.read(SolutionSources.open(archive)).solution
    let credential = try #require(solution.credentials.first { $0.name == "SAP Logon" })
    #expect(credential.usernameVariable == "contoso_SAPusername")
    #expect(credential.passwordVariable == "contoso_SAPLogonpassword")
    #expect(credential.connectionType == 1)
    #expect(credential.usageTypes == [280_920_001])
    #expect(
      Set(solution.environmentVariables.map(\.schemaName)).isSuperset(of: created.createdVariables))
  }

  @Test func cyberArkCredentialKeepsItsFields() throws {
    let folder = TestFolder()
    let store = Self.environment(folder)
    let engine = CredentialEngine(store: store, actor: "alice")
    _ = try engine.create(
      Self.request(
        "SAP Logon (CyberArk)", usages: [.connection, .desktopFlow], store: .cyberArk, secret: nil,
        cyberArk: Self.ark, solution: nil))
    let summary = try #require(
      try engine.list().credentials.first { $0.name == "SAP Logon (CyberArk)" })
    #expect(summary.solution == "Default")
    #expect(summary.authentication == "cyberark")
    #expect(summary.usages == ["connection", "desktop-flow"])
    #expect(summary.variables.map(\.role) == ["username", "cyberark-safe", "cyberark-object"])
    let error = #expect(throws: DiagnosticError.self) {
      try ExportEngine.export("Default", from: store, to: folder.path("d.zip"), options: .init())
    }
    #expect(error?.diagnostic.id == "solution-not-exportable")
  }

  @Test func sampleCredentialFileIsWrittenBackByteForByte() throws {
    let url = Samples.root.appendingPathComponent(
      "CredentialsCore/credentials/InvoicePortalLogin/credential.xml")
    let data = try Data(contentsOf: url)
    let credential = try CredentialCodec.decode(
      XMLReader.parse(data, entry: "credential.xml"), entry: "credential.xml")
    #expect(CredentialCodec.data(CredentialCodec.element(credential)) == data)
  }
}
