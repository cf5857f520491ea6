/// A Power Automate credential (Dataverse table `credential`). It never holds a
/// secret: only the names of the environment variables that do.
/// Serialized as `credentials/<folder>/credential.xml` (docs/credential-format.md).
public struct Credential: Sendable, Hashable {
  public enum Store: String, Sendable, Hashable, Codable {
    case azureKeyVault = "azurekeyvault"
    case cyberArk = "cyberark"
  }

  public var name: String
  public var description: String?
  /// 1 single credential, 2 list of credentials.
  public var credentialType: Int?
  /// 1 UsernamePassword, 4 CyberArkIdentity, 5 CertificateBasedAuthentication, …
  public var connectionType: Int?
  /// 280920000 Connection, 280920001 DesktopScript, 280920002 Network, 280920003 Cua.
  public var usageTypes: [Int]
  public var store: Store?
  public var usernameVariable: String?
  public var passwordVariable: String?
  public var certificateVariable: String?
  public var cyberArkVariables: [String]
  public var connectionReference: String?
  /// Archive path of the credential.xml.
  public var path: String
  public var element: XMLElement

  public init(
    name: String, description: String? = nil, credentialType: Int? = nil,
    connectionType: Int? = nil, usageTypes: [Int] = [], store: Store? = nil,
    usernameVariable: String? = nil, passwordVariable: String? = nil,
    certificateVariable: String? = nil, cyberArkVariables: [String] = [],
    connectionReference: String? = nil, path: String, element: XMLElement
  ) {
    self.name = name
    self.description = description
    self.credentialType = credentialType
    self.connectionType = connectionType
    self.usageTypes = usageTypes
    self.store = store
    self.usernameVariable = usernameVariable
    self.passwordVariable = passwordVariable
    self.certificateVariable = certificateVariable
    self.cyberArkVariables = cyberArkVariables
    self.connectionReference = connectionReference
    self.path = path
    self.element = element
  }

  /// Every environment variable the credential points at.
  public var environmentVariables: [String] {
    [usernameVariable, passwordVariable, certificateVariable].compactMap { $0 } + cyberArkVariables
  }

  /// The folder name for a credential name: characters outside `[A-Za-z0-9_-]` removed.
  public static func folderName(for name: String) -> String {
    let kept = name.unicodeScalars.filter {
      ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_"
        || $0 == "-"
    }
    let folder = String(String.UnicodeScalarView(kept))
    return folder.isEmpty ? "credential" : folder
  }
}
