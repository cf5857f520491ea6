import Foundation
import SolpackModel

/// "A new version of this Key Vault secret exists": from the command line, or from an
/// Azure Event Grid `Microsoft.KeyVault.SecretNewVersionCreated` event.
public struct SecretNotice: Sendable, Equatable, Codable {
  public var vault: String
  public var secret: String
  public var version: String?
  /// The Event Grid event's id, when the notice came from one.
  public var eventID: String?

  public init(vault: String, secret: String, version: String? = nil, eventID: String? = nil) {
    self.vault = vault
    self.secret = secret
    self.version = version
    self.eventID = eventID
  }

  public static let eventType = "Microsoft.KeyVault.SecretNewVersionCreated"

  /// The notices in an Event Grid delivery: one event or an array of them, in the
  /// Event Grid schema (`eventType`, `topic`, `subject`, `data`) or the CloudEvents one
  /// (`type`, `source`, `subject`, `data`). Data keys are read without case
  /// (`VaultName` on the wire, `vaultName` in the SDKs).
  public static func parse(event data: Data, entry: String) throws -> [SecretNotice] {
    func refuse(_ id: String, _ message: String, _ hint: String) -> DiagnosticError {
      DiagnosticError(.error(id, "\(entry): \(message)", entry: entry, hint: hint))
    }
    guard let json = try? JSONSerialization.jsonObject(with: data) else {
      throw refuse(
        "event-invalid", "is not JSON",
        "Pass the event as Event Grid delivers it (a JSON array of events).")
    }
    let events = (json as? [Any]) ?? [json]
    guard !events.isEmpty else {
      throw refuse("event-invalid", "holds no event", "Pass at least one event.")
    }
    return try events.enumerated().map { index, item in
      guard let event = item as? [String: Any] else {
        throw refuse("event-invalid", "event \(index) is not an object", "Pass Event Grid events.")
      }
      let type = event["eventType"] as? String ?? event["type"] as? String ?? ""
      guard type == eventType else {
        throw refuse(
          "event-type-unsupported",
          "event \(index) is \(type.isEmpty ? "untyped" : type), not \(eventType)",
          "Subscribe the Event Grid topic to SecretNewVersionCreated only, or pass --vault and --secret."
        )
      }
      let payload = (event["data"] as? [String: Any] ?? [:]).reduce(into: [String: String]()) {
        if let text = $1.value as? String { $0[$1.key.lowercasedName] = text }
      }
      let topic = event["topic"] as? String ?? event["source"] as? String ?? ""
      let topicVault = topic.split(separator: "/").map(String.init).last
      guard let vault = payload["vaultname"] ?? topicVault,
        let secret = payload["objectname"] ?? (event["subject"] as? String), !vault.isEmpty,
        !secret.isEmpty
      else {
        throw refuse(
          "event-invalid",
          "event \(index) names no vault and secret (data.VaultName, data.ObjectName)",
          "Pass the event unchanged as Event Grid delivered it.")
      }
      if let topicVault, topic.lowercasedName.contains("/vaults/"),
        topicVault.lowercasedName != vault.lowercasedName
      {
        throw refuse(
          "event-inconsistent",
          "event \(index): topic names vault \(topicVault) but data.VaultName is \(vault)",
          "Pass the event unchanged as Event Grid delivered it.")
      }
      if let subject = event["subject"] as? String, subject.lowercasedName != secret.lowercasedName
      {
        throw refuse(
          "event-inconsistent",
          "event \(index): subject is \(subject) but data.ObjectName is \(secret)",
          "Pass the event unchanged as Event Grid delivered it.")
      }
      if let objectType = payload["objecttype"], objectType.lowercasedName != "secret" {
        throw refuse(
          "event-type-unsupported", "event \(index) is about a \(objectType), not a secret",
          "Only secrets back env vars.")
      }
      return SecretNotice(
        vault: vault, secret: secret, version: payload["version"], eventID: event["id"] as? String)
    }
  }
}
