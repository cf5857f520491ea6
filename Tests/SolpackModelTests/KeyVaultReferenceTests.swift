import Foundation
import SolpackModel
import Testing

/// Parsing a Key Vault secret reference as bytes (ASCII values) accepts and splits
/// exactly what the Character-wise parse did.
@Suite struct KeyVaultReferenceTests {
  /// The parse before the ASCII fast path, as it was.
  private static func reference(_ value: String) -> KeyVaultReference? {
    func isPart(_ text: String) -> Bool {
      !text.isEmpty && !text.contains(" ") && !text.contains("/")
    }
    let parts = value.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 11, parts[0].isEmpty else { return nil }
    let fixed = [
      (1, "subscriptions"), (3, "resourcegroups"), (5, "providers"), (6, "microsoft.keyvault"),
      (7, "vaults"), (9, "secrets"),
    ]
    guard fixed.allSatisfy({ parts[$0.0].lowercased() == $0.1 }),
      [2, 4, 8, 10].allSatisfy({ isPart(parts[$0]) })
    else { return nil }
    return KeyVaultReference(
      subscription: parts[2], resourceGroup: parts[4], vault: parts[8], secret: parts[10])
  }

  static let good =
    "/subscriptions/0000-11/resourceGroups/rg-contoso/providers/Microsoft.KeyVault/vaults/kv-contoso/secrets/sap-password"

  @Test(
    arguments: [
      good, good.uppercased(), good.lowercased(), good + "/", "x" + good,
      good.replacingOccurrences(of: "kv-contoso", with: ""),
      good.replacingOccurrences(of: "kv-contoso", with: "kv contoso"),
      good.replacingOccurrences(of: "/secrets/", with: "/keys/"),
      good.replacingOccurrences(of: "sap-password", with: "sap-pässword"),
      good.replacingOccurrences(of: "sap-password", with: "sap \u{301}password"),
      good.replacingOccurrences(of: "/secrets/", with: "/secrets/\u{301}"),
      good.replacingOccurrences(of: "Microsoft.KeyVault", with: "MİCROSOFT.KEYVAULT"),
      good.replacingOccurrences(of: "vaults", with: "VAULTS"), "", "/", "//////////",
      "/subscriptions/a/resourceGroups/b/providers/Microsoft.KeyVault/vaults/c/secrets/d\r\n",
    ])
  func parsesAsBefore(_ value: String) {
    #expect(KeyVaultReference(value) == Self.reference(value), "\(value.debugDescription)")
  }

  @Test func aGoodValueNamesItsParts() throws {
    let parsed = try #require(KeyVaultReference(Self.good))
    #expect(
      [parsed.subscription, parsed.resourceGroup, parsed.vault, parsed.secret] == [
        "0000-11", "rg-contoso", "kv-contoso", "sap-password",
      ])
    #expect(parsed.value == Self.good)
  }
}
