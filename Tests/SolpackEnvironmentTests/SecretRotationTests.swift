import Foundation
import SolpackModel
import SolpackTestSupport
import Testing

@testable import SolpackEnvironment

@Suite struct SecretRotationTests {
  /// Shaped like the Event Grid delivery in Azure's Key Vault event schema docs.
  static let event = """
    [{
      "id": "00eccf70-95a7-4d4c-9e6b-14f8d7a2f4f3",
      "topic": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-automation/providers/Microsoft.KeyVault/vaults/kv-contoso-automation",
      "subject": "invoice-portal-password",
      "eventType": "Microsoft.KeyVault.SecretNewVersionCreated",
      "eventTime": "2026-11-27T08:00:00.0000000Z",
      "data": {
        "Id": "https://kv-contoso-automation.vault.azure.net/secrets/invoice-portal-password/ee059b2bb5bc48398a53b168c6cdcb10",
        "VaultName": "kv-contoso-automation",
        "ObjectType": "Secret",
        "ObjectName": "invoice-portal-password",
        "Version": "ee059b2bb5bc48398a53b168c6cdcb10",
        "NBF": null,
        "EXP": null
      },
      "dataVersion": "1",
      "metadataVersion": "1"
    }]
    """

  @Test func readsAnEventGridDelivery() throws {
    let notices = try SecretNotice.parse(event: Data(Self.event.utf8), entry: "event.json")
    #expect(
      notices == [
        SecretNotice(
          vault: "kv-contoso-automation", secret: "invoice-portal-password",
          version: "ee059b2bb5bc48398a53b168c6cdcb10",
          eventID: "00eccf70-95a7-4d4c-9e6b-14f8d7a2f4f3")
      ])
  }

  @Test func readsACloudEvent() throws {
    let cloud = """
      {"specversion":"1.0","type":"Microsoft.KeyVault.SecretNewVersionCreated",
       "source":"/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1",
       "id":"e1","subject":"s1","data":{"vaultName":"kv1","objectType":"Secret","objectName":"s1","version":"v9"}}
      """
    #expect(
      try SecretNotice.parse(event: Data(cloud.utf8), entry: "e")
        == [SecretNotice(vault: "kv1", secret: "s1", version: "v9", eventID: "e1")])
  }

  @Test(arguments: [
    ("not json", "event-invalid"),
    ("[]", "event-invalid"),
    (
      #"[{"eventType":"Microsoft.KeyVault.SecretExpired","subject":"s","data":{}}]"#,
      "event-type-unsupported"
    ),
    (
      #"[{"eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","data":{"validationCode":"x"}}]"#,
      "event-type-unsupported"
    ),
    (
      #"[{"eventType":"Microsoft.KeyVault.SecretNewVersionCreated","topic":"/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kvA","subject":"s","data":{"VaultName":"kvB","ObjectName":"s"}}]"#,
      "event-inconsistent"
    ),
    (
      #"[{"eventType":"Microsoft.KeyVault.SecretNewVersionCreated","subject":"t","data":{"VaultName":"kv","ObjectName":"s"}}]"#,
      "event-inconsistent"
    ),
    (#"[{"eventType":"Microsoft.KeyVault.SecretNewVersionCreated","data":{}}]"#, "event-invalid"),
  ])
  func refusesEventsItCannotUse(_ text: String, _ id: String) {
    let error = #expect(throws: DiagnosticError.self) {
      try SecretNotice.parse(event: Data(text.utf8), entry: "event.json")
    }
    #expect(error?.diagnostic.id == id)
  }

  /// Two Secret env vars on two secrets; two credentials; one with a connection
  /// reference. The notice for one secret touches exactly its env var, the credential
  /// using it and that credential's connection reference.
  @Test func touchesExactlyWhatUsesTheSecret() throws {
    let folder = TestFolder()
    let core = try Samples.copy(
      "CredentialsCore", into: folder,
      editing: [
        "credentials/InvoicePortalLogin/credential.xml": {
          $0.replacingOccurrences(
            of: "  <connectiontype>",
            with:
              "  <connectionreference>contoso_DesktopFlowsConnection</connectionreference>\n  <connectiontype>"
          )
        }
      ])
    let store = SQLiteEnvironmentStore(path: folder.path("env.sqlite").path)
    let report = ImportEngine.run([core], store: store, options: ImportOptions(actor: "alice"))
    #expect(report.outcome == .imported, "\(report.allDiagnostics.map(\.message))")
    let engine = CredentialEngine(store: store, actor: "alice")
    _ = try engine.create(
      CredentialRequest(
        name: "Other", usages: [.desktopFlow], store: .azureKeyVault, authentication: .password,
        username: .existing(schemaName: "contoso_InvoicePortalUsername"),
        secret: .new(
          subscription: "0", resourceGroup: "rg", vault: "kv-contoso-automation",
          secret: "other-password", displayName: nil, schemaName: nil)))
    let notices = try SecretNotice.parse(event: Data(Self.event.utf8), entry: "event.json")
    let rotations = try engine.rotated(notices)
    #expect(rotations.count == 1)
    #expect(rotations[0].variables == ["contoso_InvoicePortalPassword"])
    #expect(rotations[0].credentials == ["Invoice Portal Login"])
    #expect(
      rotations[0].connectionReferences.map(\.logicalName) == ["contoso_DesktopFlowsConnection"])
    let recorded = try store.load().rotations
    #expect(recorded.count == 3, "each component once")
    #expect(
      Set(recorded.map(\.key)) == [
        CredentialAccess.key(variable: "contoso_InvoicePortalPassword"),
        CredentialAccess.key("Invoice Portal Login"),
        ComponentKey(type: "connection-reference", name: "contoso_DesktopFlowsConnection"),
      ])
    #expect(recorded.allSatisfy { $0.version == "ee059b2bb5bc48398a53b168c6cdcb10" })

    let before = try store.load()
    let nothing = try engine.rotated([SecretNotice(vault: "kv-elsewhere", secret: "x")])
    #expect(nothing[0].isEmpty)
    #expect(try store.load() == before)
  }
}
