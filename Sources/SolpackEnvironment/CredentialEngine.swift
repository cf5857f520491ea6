import Foundation
import SolpackArchive
import SolpackModel

/// Credentials in an environment: create, share, edit, delete, list — the Power
/// Automate "Credentials" page. Every operation acts as `actor`, checks the actor's
/// role first, and changes the environment in one transaction. Never prints.
public struct CredentialEngine: Sendable {
  public let store: any EnvironmentStore
  public let actor: String
  public let now: Date

  /// Where components made outside any solution live, as in Dataverse.
  public static let defaultSolution = "Default"

  public init(store: any EnvironmentStore, actor: String, now: Date = Date()) {
    self.store = store
    self.actor = actor
    self.now = now
  }

  /// Loads, lets `body` change the state and name the archive entries to write, and
  /// commits both at once; a thrown diagnostic leaves the environment untouched.
  /// Holds the environment's operation lock throughout, so no import or other
  /// command commits between the load and the commit.
  func mutate<T>(
    _ operation: String, _ body: (inout EnvironmentState) throws -> (T, [EntryEdit])
  ) throws -> T {
    try store.exclusively(operation) {
      var state = try store.load()
      let (result, edits) = try body(&state)
      try store.commit(state, entries: [:], edits: edits, run: nil)
      return result
    }
  }

  func record(_ name: String, in state: EnvironmentState) throws -> CredentialRecord {
    guard
      let record = state.credentials.first(where: { $0.name.lowercasedName == name.lowercasedName })
    else {
      throw DiagnosticError(
        .error(
          "credential-not-found", "\(store.location) has no credential \"\(name)\"",
          component: "credential \"\(name)\"",
          hint: "`solpack credential list` shows the credentials shared with you."))
    }
    return record
  }

  /// The credential's file as stored with its solution, and where it is.
  func stored(_ record: CredentialRecord) throws -> (path: String, credential: Credential) {
    let candidates = try store.entryList(of: record.solution).map(\.path).filter {
      $0.hasPrefix(CredentialCodec.folder) && $0.hasSuffix("/" + CredentialCodec.fileName)
    }
    let preferred = CredentialCodec.path(for: record.name)
    for path in [preferred] + candidates.filter({ $0 != preferred }) where candidates.contains(path)
    {
      let data = try store.entryData(of: record.solution, path: path)
      let credential = try CredentialCodec.decode(XMLReader.parse(data, entry: path), entry: path)
      if credential.name.lowercasedName == record.name.lowercasedName { return (path, credential) }
    }
    throw DiagnosticError(
      .error(
        "entry-missing", "\(record.solution) holds no file for credential \"\(record.name)\"",
        component: "credential \"\(record.name)\"", hint: "Import \(record.solution) again."))
  }

  /// What the listing shows of one credential.
  func summary(_ record: CredentialRecord, in state: EnvironmentState) throws -> CredentialSummary {
    summary(try stored(record).credential, solution: record.solution, in: state)
  }

  func summary(_ credential: Credential, solution: String, in state: EnvironmentState)
    -> CredentialSummary
  {
    let key = CredentialAccess.key(credential.name)
    let roles: [(String, String?)] = [
      ("username", credential.usernameVariable), ("password", credential.passwordVariable),
      ("certificate", credential.certificateVariable),
      ("cyberark-username", credential.element.text(of: "cyberarkusername")),
      ("cyberark-safe", credential.element.text(of: "cyberarksafe")),
      ("cyberark-object", credential.element.text(of: "cyberarkobject")),
    ]
    let usages = credential.usageTypes.map { code in
      CredentialRequest.Usage.allCases.first { $0.code == code }?.rawValue ?? String(code)
    }
    let authentication =
      switch credential.connectionType {
      case 5: "certificate"
      case 4: "cyberark"
      default: "password"
      }
    return CredentialSummary(
      name: credential.name, description: credential.description, solution: solution,
      store: credential.store?.rawValue, usages: usages, authentication: authentication,
      variables: roles.compactMap { role, name in
        name.map { CredentialSummary.Variable(role: role, schemaName: $0) }
      },
      connectionReference: credential.connectionReference,
      owner: CredentialAccess.owner(of: key, in: state),
      role: CredentialAccess.role(of: actor, on: key, in: state)?.rawValue,
      secretVersion: state.rotations.last { $0.key == key }.map {
        CredentialSummary.SecretVersion(
          variable: $0.variable, version: $0.version, recordedAt: $0.recordedAt,
          recordedBy: $0.recordedBy)
      })
  }

  /// The credentials the actor has a role on, and how many others there are.
  public func list() throws -> (credentials: [CredentialSummary], hidden: Int) {
    let state = try store.load()
    var visible: [CredentialSummary] = []
    var hidden = 0
    for record in state.credentials {
      if CredentialAccess.role(of: actor, on: CredentialAccess.key(record.name), in: state) == nil {
        hidden += 1
      } else {
        visible.append(try summary(record, in: state))
      }
    }
    return (visible, hidden)
  }
}

/// One credential as `credential list` and `create` show it. Names only: a credential
/// holds no secret, and neither does this.
public struct CredentialSummary: Sendable, Equatable, Codable {
  public struct Variable: Sendable, Equatable, Codable {
    public var role: String
    public var schemaName: String
  }

  public var name: String
  public var description: String?
  public var solution: String
  public var store: String?
  public var usages: [String]
  public var authentication: String
  public var variables: [Variable]
  public var connectionReference: String?
  public var owner: String?
  /// The caller's role.
  public var role: String?
  /// The last secret version `secret rotated` recorded on it.
  public var secretVersion: SecretVersion?

  public struct SecretVersion: Sendable, Equatable, Codable {
    public var variable: String
    public var version: String?
    public var recordedAt: Date
    public var recordedBy: String
  }
}
