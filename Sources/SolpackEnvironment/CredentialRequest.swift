import SolpackModel

/// What `credential create` asks for: the maker portal's "New credential" form.
public struct CredentialRequest: Sendable {
  public enum Usage: String, Sendable, CaseIterable {
    case connection
    case desktopFlow = "desktop-flow"
    case network

    /// The `credential_usagetype` choice value.
    public var code: Int {
      switch self {
      case .connection: 280_920_000
      case .desktopFlow: 280_920_001
      case .network: 280_920_002
      }
    }
  }

  public enum Authentication: String, Sendable, CaseIterable {
    case password
    case certificate
  }

  /// The username: an existing String env var, or a new one.
  public enum Username: Sendable {
    case existing(schemaName: String)
    case new(displayName: String, value: String, schemaName: String?)
  }

  /// The password or certificate: an existing Secret env var, or a new one whose value
  /// is the Key Vault reference built from the four parts.
  public enum Secret: Sendable {
    case existing(schemaName: String)
    case new(
      subscription: String, resourceGroup: String, vault: String, secret: String,
      displayName: String?, schemaName: String?)
  }

  /// The CyberArk Central Credential Provider fields of the maker form.
  public struct CyberArk: Sendable {
    public var serverAddress: String
    public var applicationID: String
    public var safe: String
    public var folder: String
    public var objectName: String
    public init(
      serverAddress: String, applicationID: String, safe: String, folder: String,
      objectName: String
    ) {
      self.serverAddress = serverAddress
      self.applicationID = applicationID
      self.safe = safe
      self.folder = folder
      self.objectName = objectName
    }
  }

  public var name: String
  public var description: String?
  public var usages: [Usage]
  public var store: Credential.Store
  public var authentication: Authentication
  /// The unmanaged solution to add it to; nil puts it in the Default solution.
  public var solution: String?
  public var username: Username?
  public var secret: Secret?
  public var cyberArk: CyberArk?

  public init(
    name: String, description: String? = nil, usages: [Usage], store: Credential.Store,
    authentication: Authentication, solution: String? = nil, username: Username? = nil,
    secret: Secret? = nil, cyberArk: CyberArk? = nil
  ) {
    self.name = name
    self.description = description
    self.usages = usages
    self.store = store
    self.authentication = authentication
    self.solution = solution
    self.username = username
    self.secret = secret
    self.cyberArk = cyberArk
  }
}
