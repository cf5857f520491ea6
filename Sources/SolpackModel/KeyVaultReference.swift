/// The value of a Secret environment variable: the Azure resource id of a Key Vault
/// secret, `/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{vault}/secrets/{name}`
/// (format.md §4.3). It names a secret; it is not one.
public struct KeyVaultReference: Sendable, Hashable {
  public var subscription: String
  public var resourceGroup: String
  public var vault: String
  public var secret: String

  public init(subscription: String, resourceGroup: String, vault: String, secret: String) {
    self.subscription = subscription
    self.resourceGroup = resourceGroup
    self.vault = vault
    self.secret = secret
  }

  /// Nil unless `value` has exactly the documented shape.
  public init?(_ value: String) {
    // An ASCII value (every real one) is split and checked as bytes, which for ASCII is
    // what the Character-wise split and Foundation's `contains` do: 120,000
    // instructions a value that way, 61 M of the 105 M an import's value checks took at
    // 10,000 components.
    let parts =
      value.isASCII
      ? value.utf8.split(separator: 0x2F, omittingEmptySubsequences: false).map {
        String(decoding: $0, as: UTF8.self)
      }
      : value.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 11, parts[0].isEmpty else { return nil }
    let fixed = [
      (1, "subscriptions"), (3, "resourcegroups"), (5, "providers"), (6, "microsoft.keyvault"),
      (7, "vaults"), (9, "secrets"),
    ]
    guard fixed.allSatisfy({ parts[$0.0].lowercasedName == $0.1 }),
      [2, 4, 8, 10].allSatisfy({ Self.isPart(parts[$0]) })
    else { return nil }
    self.init(subscription: parts[2], resourceGroup: parts[4], vault: parts[8], secret: parts[10])
  }

  /// Nil when a part is empty or holds a separator or a space.
  public static func make(
    subscription: String, resourceGroup: String, vault: String, secret: String
  )
    -> KeyVaultReference?
  {
    let reference = KeyVaultReference(
      subscription: subscription, resourceGroup: resourceGroup, vault: vault, secret: secret)
    return [subscription, resourceGroup, vault, secret].allSatisfy(isPart) ? reference : nil
  }

  public var value: String {
    "/subscriptions/\(subscription)/resourceGroups/\(resourceGroup)/providers/Microsoft.KeyVault/vaults/\(vault)/secrets/\(secret)"
  }

  /// Vault and secret names are case-insensitive in Azure.
  public func names(vault: String, secret: String) -> Bool {
    self.vault.lowercased() == vault.lowercased() && self.secret.lowercased() == secret.lowercased()
  }

  private static func isPart(_ text: String) -> Bool {
    guard !text.isEmpty else { return false }
    if text.isASCII { return !text.utf8.contains(0x20) && !text.utf8.contains(0x2F) }
    return !text.contains(" ") && !text.contains("/")
  }
}
