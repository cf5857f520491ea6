import Foundation
import SolpackModel

/// `credentials/<folder>/credential.xml`: solpack's serialization of the Dataverse
/// `credential` table (docs/credential-format.md). Lookups hold env var schema names.
public enum CredentialCodec {
  public static let folder = "credentials/"
  public static let fileName = "credential.xml"

  public static func decode(_ file: XMLFile, entry: String) throws -> Credential {
    let element = file.root
    guard element.name == "credential", let name = element[attribute: "name"], !name.isEmpty else {
      throw DiagnosticError(
        .error(
          "credential-invalid", "\(entry) is not a <credential name=…> (root <\(element.name)>)",
          entry: entry, hint: "See docs/credential-format.md for the credential file format."))
    }
    let usage = (element.text(of: "usagetype") ?? "").split(separator: ",").compactMap {
      Int($0.trimmingCharacters(in: .whitespaces))
    }
    return Credential(
      name: name, description: element.text(of: "description"),
      credentialType: element.text(of: "credentialtype").flatMap { Int($0) },
      connectionType: element.text(of: "connectiontype").flatMap { Int($0) }, usageTypes: usage,
      store: element.text(of: "store").flatMap(Credential.Store.init),
      usernameVariable: element.text(of: "username"),
      passwordVariable: element.text(of: "password"),
      certificateVariable: element.text(of: "certificate"),
      cyberArkVariables: ["cyberarkusername", "cyberarkobject", "cyberarksafe"].compactMap {
        element.text(of: $0)
      }, connectionReference: element.text(of: "connectionreference"), path: entry,
      element: element)
  }
}
