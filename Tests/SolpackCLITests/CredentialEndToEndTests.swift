import Foundation
import SolpackTestSupport
import Synchronization
import Testing

/// Issue 5's proof with the real binary: each command, each rule, sharing seen on the
/// env vars, delete keeping them, rotation from an Event Grid event.
@Suite struct CredentialEndToEndTests {
  /// An environment in `folder` holding samples/CredentialsCore, imported by alice.
  static func environment(_ folder: TestFolder) throws -> [String: String] {
    let env = ["SOLPACK_ENV": folder.path("env.sqlite").path, "SOLPACK_USER": "alice"]
    let run = try SolpackBinary.run(["import", "samples/CredentialsCore"], environment: env)
    #expect(run.status == 0, "\(run.stderr)")
    return env
  }

  static let create = [
    "credential", "create", "--name", "SAP Logon", "--usage", "desktop-flow", "--store",
    "azure-key-vault", "--auth", "password", "--solution", "CredentialsCore",
    "--new-username-var", "SAP username", "--value", "CONTOSO\\sap", "--subscription", "0000",
    "--resource-group", "rg-automation", "--vault", "kv-contoso", "--secret", "sap-password",
  ]

  static func json(_ run: SolpackBinary.Run) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
  }

  /// principal → role on the credential and on each env var, from `access --format json`.
  static func access(_ env: [String: String], _ name: String) throws -> [String: [String: String]] {
    let run = try SolpackBinary.run(
      ["credential", "access", name, "--format", "json"], environment: env)
    #expect(run.status == 0, "\(run.stderr)")
    let object = try json(run)
    func roles(_ entries: Any?) -> [String: String] {
      Dictionary(
        uniqueKeysWithValues: (entries as? [[String: Any]] ?? []).map {
          ($0["principal"] as? String ?? "", $0["role"] as? String ?? "")
        })
    }
    var result = ["credential": roles(object["entries"])]
    for variable in object["variables"] as? [[String: Any]] ?? [] {
      result[variable["schemaName"] as? String ?? ""] = roles(variable["entries"])
    }
    return result
  }

  @Test func lifecycle() throws {
    let folder = TestFolder()
    let env = try Self.environment(folder)
    var run = try SolpackBinary.run(Self.create, environment: env)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("Created credential \"SAP Logon\" in CredentialsCore"))
    #expect(run.stdout.contains("new environment variable contoso_SAPusername"))
    #expect(run.stdout.contains("new environment variable contoso_SAPLogonpassword"))
    #expect(!run.stdout.contains("/subscriptions/"), "a Key Vault reference was printed")

    run = try SolpackBinary.run(Self.create, environment: env)
    #expect(run.status == 1)
    #expect(run.stderr.contains("[credential-name-taken]"))
    #expect(run.stderr.contains("hint:"))

    run = try SolpackBinary.run(
      ["credential", "list", "--format", "json", "--as", "bob"], environment: env)
    #expect(run.status == 0)
    #expect((try Self.json(run)["credentials"] as? [Any])?.isEmpty == true)
    #expect(try Self.json(run)["hidden"] as? Int == 2)

    run = try SolpackBinary.run(
      ["credential", "share", "SAP Logon", "--with", "bob", "--role", "user"], environment: env)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("contoso_SAPLogonpassword, contoso_SAPusername"))
    var roles = try Self.access(env, "SAP Logon")
    #expect(roles["credential"] == ["alice": "owner", "bob": "user"])
    #expect(roles["contoso_SAPusername"]?["bob"] == "user")
    #expect(roles["contoso_SAPLogonpassword"]?["bob"] == "user")

    run = try SolpackBinary.run(
      ["credential", "unshare", "SAP Logon", "--with", "bob"], environment: env)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("bob keeps access to its environment variables"))
    roles = try Self.access(env, "SAP Logon")
    #expect(roles["credential"] == ["alice": "owner"])
    #expect(roles["contoso_SAPusername"]?["bob"] == "user")

    run = try SolpackBinary.run(
      ["credential", "edit", "SAP Logon", "--secret-var", "contoso_InvoicePortalPassword"],
      environment: env)
    #expect(run.status == 1)
    #expect(run.stderr.contains("[credential-repoint-refused]"))
    #expect(run.stderr.contains("secret rotated"))

    run = try SolpackBinary.run(
      ["credential", "edit", "SAP Logon", "--name", "SAP Logon 2", "--description", "Monthly"],
      environment: env)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("SAP Logon 2 [CredentialsCore]"))
    #expect(run.stdout.contains("Monthly"))

    run = try SolpackBinary.run(
      ["credential", "delete", "SAP Logon 2", "--as", "bob"], environment: env)
    #expect(run.status == 1)
    #expect(
      run.stderr.contains("[permission-denied] bob has no access to credential \"SAP Logon 2\""))

    run = try SolpackBinary.run(["credential", "delete", "SAP Logon 2"], environment: env)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.stdout.contains(
        "Kept its environment variables: contoso_SAPLogonpassword, contoso_SAPusername."))
    run = try SolpackBinary.run(["where-used", "contoso_SAPusername"], environment: env)
    #expect(run.stdout == "contoso_SAPusername (String, CredentialsCore)\n  used by nothing\n")

    let archive = folder.path("out.zip").path
    run = try SolpackBinary.run(["export", "CredentialsCore", archive], environment: env)
    #expect(run.status == 0, "\(run.stderr)")
    run = try SolpackBinary.run(["inspect", archive, "--format", "json"])
    #expect(run.stdout.contains("contoso_SAPusername"))
    #expect(run.stdout.contains("contoso_SAPLogonpassword"))
    let credentials = try Self.json(run)["credentials"] as? [[String: Any]]
    #expect(credentials?.compactMap { $0["name"] as? String } == ["Invoice Portal Login"])
  }

  @Test func createRulesAreRefusedWithTheirIDs() throws {
    let folder = TestFolder()
    let env = try Self.environment(folder)
    let base = [
      "credential", "create", "--name", "X", "--usage", "desktop-flow", "--store",
      "azure-key-vault", "--username-var", "contoso_InvoicePortalUsername",
    ]
    let cases: [([String], String)] = [
      (
        ["--auth", "certificate", "--secret-var", "contoso_InvoicePortalPassword"],
        "credential-auth-not-allowed"
      ),
      (
        ["--auth", "password", "--secret-var", "contoso_InvoicePortalUsername"],
        "credential-variable-type"
      ),
      (["--auth", "password"], "credential-secret-missing"),
      (
        [
          "--auth", "password", "--subscription", "0", "--resource-group", "rg", "--vault", "kv",
          "--secret", "a b",
        ],
        "secret-reference-invalid"
      ),
    ]
    for (extra, id) in cases {
      let run = try SolpackBinary.run(base + extra, environment: env)
      #expect(run.status == 1, "\(extra)")
      #expect(run.stderr.contains("[\(id)]"), "\(extra): \(run.stderr)")
    }
    let usage = try SolpackBinary.run(
      base + ["--auth", "password", "--secret-var", "a", "--vault", "kv"], environment: env)
    #expect(usage.status == 64)
  }

  @Test func whereUsedShowsDirectAndCredentialUses() throws {
    let folder = TestFolder()
    let env = try Self.environment(folder)
    let run = try SolpackBinary.run(["import", "samples/InvoiceFlows"], environment: env)
    #expect(run.status == 0, "\(run.stderr)")
    let text = try SolpackBinary.run(
      ["where-used", "contoso_InvoicePortalUsername"], environment: env)
    #expect(text.status == 0)
    try assertGolden(text.stdout, named: "where-used.txt")
    let json = try SolpackBinary.run(
      ["where-used", "contoso_InvoicePortalUsername", "--format", "json"], environment: env)
    try assertGolden(json.stdout, named: "where-used.json")
    let missing = try SolpackBinary.run(["where-used", "contoso_Nope"], environment: env)
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("[environment-variable-not-found]"))
  }

  @Test func importNeedsTheCredentialSharedWithTheImporter() throws {
    let folder = TestFolder()
    let env = try Self.environment(folder)
    var run = try SolpackBinary.run(
      ["import", "samples/InvoiceFlows", "--as", "bob"], environment: env)
    #expect(run.status == 1)
    #expect(run.stdout.contains("[permission-denied]"))
    #expect(run.stdout.contains("credential share \"Invoice Portal Login\" --with bob --role user"))
    run = try SolpackBinary.run(
      ["credential", "share", "Invoice Portal Login", "--with", "bob", "--role", "user"],
      environment: env)
    #expect(run.status == 0)
    run = try SolpackBinary.run(
      ["import", "samples/InvoiceFlows", "--as", "bob"], environment: env)
    #expect(run.status == 0, "\(run.stdout)")
  }

  /// Credential commands take the environment's lock from load to commit: eight
  /// shares at once lose none.
  @Test func concurrentSharesAreAllKept() throws {
    let folder = TestFolder()
    let env = try Self.environment(folder)
    let statuses = Mutex<[Int32]>([])
    DispatchQueue.concurrentPerform(iterations: 8) { index in
      let run = try? SolpackBinary.run(
        [
          "credential", "share", "Invoice Portal Login", "--with", "user\(index)", "--role", "user",
        ],
        environment: env)
      statuses.withLock { $0.append(run?.status ?? -1) }
    }
    #expect(statuses.withLock { $0 } == Array(repeating: 0, count: 8))
    let roles = try Self.access(env, "Invoice Portal Login")
    #expect(roles["credential"]?.count == 9)
    #expect(roles["contoso_InvoicePortalPassword"]?.count == 9)
  }

  @Test func rotationFromAnEventGridEvent() throws {
    let folder = TestFolder()
    let env = try Self.environment(folder)
    let event = folder.path("event.json")
    try Data(SecretEvent.text.utf8).write(to: event)
    var run = try SolpackBinary.run(["secret", "rotated", "--event", event.path], environment: env)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.stdout == """
        Recorded version ee059b2bb5bc48398a53b168c6cdcb10 of secret invoice-portal-password in vault kv-contoso-automation on:
          environment variable contoso_InvoicePortalPassword
          credential Invoice Portal Login

        """)
    run = try SolpackBinary.run(["credential", "list"], environment: env)
    #expect(
      run.stdout.contains(
        "secret version: ee059b2bb5bc48398a53b168c6cdcb10 of contoso_InvoicePortalPassword, recorded"
      ))
    run = try SolpackBinary.run(
      ["secret", "rotated", "--event", "-", "--format", "json"], environment: env,
      input: Data(SecretEvent.text.utf8))
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("\"credentials\" : [\n      \"Invoice Portal Login\""))
    run = try SolpackBinary.run(
      ["secret", "rotated", "--vault", "kv-unknown", "--secret", "nothing"], environment: env)
    #expect(run.status == 0)
    #expect(run.stdout.contains("uses secret nothing in vault kv-unknown; nothing changed."))
    run = try SolpackBinary.run(
      ["secret", "rotated", "--event", "-"], environment: env, input: Data("[{}]".utf8))
    #expect(run.status == 1)
    #expect(run.stderr.contains("[event-type-unsupported]"))
  }
}

/// The Event Grid delivery of a Key Vault SecretNewVersionCreated event.
enum SecretEvent {
  static let text = """
    [{"id":"00eccf70-95a7-4d4c-9e6b-14f8d7a2f4f3",
      "topic":"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-automation/providers/Microsoft.KeyVault/vaults/kv-contoso-automation",
      "subject":"invoice-portal-password","eventType":"Microsoft.KeyVault.SecretNewVersionCreated",
      "eventTime":"2026-11-27T08:00:00Z",
      "data":{"Id":"https://kv-contoso-automation.vault.azure.net/secrets/invoice-portal-password/ee059b2bb5bc48398a53b168c6cdcb10",
        "VaultName":"kv-contoso-automation","ObjectType":"Secret","ObjectName":"invoice-portal-password",
        "Version":"ee059b2bb5bc48398a53b168c6cdcb10","NBF":null,"EXP":null},
      "dataVersion":"1","metadataVersion":"1"}]
    """
}
