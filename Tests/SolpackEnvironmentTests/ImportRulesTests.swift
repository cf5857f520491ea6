import Foundation
import SolpackModel
import Testing

@testable import SolpackEnvironment

@Suite struct ImportRulesTests {
  @Test(arguments: [
    (
      "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv/secrets/name",
      true
    ),
    (
      "/SUBSCRIPTIONS/0000/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv/secrets/name",
      true
    ),
    (
      "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv/secrets/", false
    ),
    ("/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv", false),
    ("hunter2", false),
    ("https://kv.vault.azure.net/secrets/name", false),
  ])
  func keyVaultReferences(_ value: String, _ valid: Bool) {
    #expect(ValueRules.keyVault(value) == valid)
  }

  @Test func valueTypes() {
    #expect(ValueRules.problem("12.5", type: .number) == nil)
    #expect(ValueRules.problem("twelve", type: .number) == "is not a number")
    #expect(ValueRules.problem("yes", type: .boolean) == nil)
    #expect(ValueRules.problem("maybe", type: .boolean) != nil)
    #expect(ValueRules.problem(#"{"a":[1]}"#, type: .json) == nil)
    #expect(ValueRules.problem("{a:", type: .json) == "is not valid JSON")
    #expect(ValueRules.problem("anything", type: .string) == nil)
  }

  @Test(arguments: [
    ("1:quote", "1", "quote"),
    ("connectionreference:contoso_X", "connection-reference", "contoso_x"),
    ("EnvironmentVariableDefinition:contoso_Y", "environment-variable", "contoso_y"),
    (
      "29:{AAB06FEB-994B-EF11-A317-7C1E52150B3D}", "workflow",
      "aab06feb-994b-ef11-a317-7c1e52150b3d"
    ),
    ("CustomAPI:contoso_Reserve", "customapi", "contoso_reserve"),
  ])
  func componentArguments(_ argument: String, _ type: String, _ name: String) throws {
    let key = try #require(ComponentKey(argument: argument))
    #expect(key.type == type)
    #expect(key.name == name)
  }

  @Test func componentArgumentsNeedTypeAndName() {
    #expect(ComponentKey(argument: "quote") == nil)
    #expect(ComponentKey(argument: ":quote") == nil)
    #expect(ComponentKey(argument: "1:") == nil)
  }

  @Test func defaultEnvironmentPath() {
    #expect(
      SQLiteEnvironmentStore.defaultPath(explicit: "a.sqlite", environment: ["SOLPACK_ENV": "b"])
        == "a.sqlite")
    #expect(
      SQLiteEnvironmentStore.defaultPath(explicit: nil, environment: ["SOLPACK_ENV": "b"]) == "b")
    #expect(
      SQLiteEnvironmentStore.defaultPath(explicit: nil, environment: [:]) == "solpack-env.sqlite")
  }
}
