import Foundation
import SolpackModel

extension CredentialCodec {
  /// Children solpack writes from `Credential`'s fields; others are kept as read.
  static let typedChildren: Set<String> = [
    "certificate", "connectionreference", "connectiontype", "credentialtype", "description",
    "password", "store", "usagetype", "username",
  ]

  /// The `<credential>` element for `credential`: its typed fields over the children
  /// it was read with, all in alphabetical order (docs/credential-format.md).
  public static func element(_ credential: Credential) -> XMLElement {
    var children = credential.element.children.compactMap(\.element).filter {
      !typedChildren.contains($0.name)
    }
    let typed: [(String, String?)] = [
      ("certificate", credential.certificateVariable),
      ("connectionreference", credential.connectionReference),
      ("connectiontype", credential.connectionType.map(String.init)),
      ("credentialtype", credential.credentialType.map(String.init)),
      ("description", credential.description),
      ("password", credential.passwordVariable),
      ("store", credential.store?.rawValue),
      (
        "usagetype",
        credential.usageTypes.isEmpty
          ? nil : credential.usageTypes.sorted().map(String.init).joined(separator: ",")
      ),
      ("username", credential.usernameVariable),
    ]
    for case (let name, let value?) in typed where !value.isEmpty {
      children.append(XMLElement(name, text: value))
    }
    children.sort { $0.name < $1.name }
    return XMLElement(
      "credential", attributes: [XMLAttribute("name", credential.name)],
      children: children.map(XMLNode.element))
  }

  /// Bytes as env var definitions are written: no BOM, no declaration, LF, no final newline.
  public static func data(_ element: XMLElement) -> Data {
    XMLWriter.data(XMLFile(root: element, newline: "\n"))
  }

  /// `credentials/<folder>/credential.xml` for a credential name.
  public static func path(for name: String) -> String {
    "\(folder)\(Credential.folderName(for: name))/\(fileName)"
  }
}
