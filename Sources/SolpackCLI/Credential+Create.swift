import ArgumentParser
import SolpackEnvironment
import SolpackModel

extension CredentialRequest.Usage: ExpressibleByArgument {}
extension CredentialRequest.Authentication: ExpressibleByArgument {}

/// `--store azure-key-vault|cyberark`, as the maker portal names the stores.
enum StoreArgument: String, ExpressibleByArgument, CaseIterable {
  case azureKeyVault = "azure-key-vault"
  case cyberark

  var store: SolpackModel.Credential.Store {
    self == .cyberark ? .cyberArk : .azureKeyVault
  }
}

extension Solpack.Credential {
  struct Create: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "create",
      abstract: "Create a credential, and the env vars it needs, owned by you.",
      discussion: """
        The username is an existing String env var (--username-var) or a new one
        (--new-username-var "Display name" --value 'DOMAIN\\user'). With Azure Key Vault, the
        password or certificate is an existing Secret env var (--secret-var) or a new one made
        from --subscription, --resource-group, --vault and --secret (its value is the Key Vault
        reference). New env vars get the solution publisher's prefix.

        Examples:
          solpack credential create --name "SAP Logon" --usage desktop-flow \\
            --store azure-key-vault --auth password --username-var contoso_SapUser \\
            --secret-var contoso_SapPassword
          solpack credential create --name "SAP Logon (CyberArk)" --usage connection \\
            --store cyberark --auth password --username-var contoso_SapUser \\
            --server-address https://ccp.contoso.local --application-id PowerAutomateRPA \\
            --safe RPA --folder Root --object-name sap-logon
        """)

    @Option(help: "The credential's name (unique in the environment).")
    var name: String

    @Option(help: "A description.")
    var description: String?

    @Option(help: "connection, desktop-flow or network; repeat for several.")
    var usage: [CredentialRequest.Usage] = []

    @Option(help: "azure-key-vault or cyberark.")
    var store: StoreArgument

    @Option(help: "password or certificate.")
    var auth: CredentialRequest.Authentication

    @Option(help: "The unmanaged solution to add it to. Default: the Default solution.")
    var solution: String?

    @Option(help: "An existing String env var holding the username.")
    var usernameVar: String?

    @Option(help: "Make a String env var with this display name for the username.")
    var newUsernameVar: String?

    @Option(help: "The username for --new-username-var: user, DOMAIN\\user or user@domain.")
    var value: String?

    @Option(help: "Schema name of the new username env var. Default: prefix_DisplayName.")
    var usernameVarName: String?

    @Option(help: "An existing Secret env var holding the password or certificate reference.")
    var secretVar: String?

    @Option(help: "Display name of the new Secret env var. Default: \"NAME password\".")
    var newSecretVar: String?

    @Option(help: "Schema name of the new Secret env var.")
    var secretVarName: String?

    @Option(help: "Azure subscription id of the Key Vault.")
    var subscription: String?

    @Option(help: "Resource group of the Key Vault.")
    var resourceGroup: String?

    @Option(help: "Key Vault name.")
    var vault: String?

    @Option(help: "Secret name in the Key Vault.")
    var secret: String?

    @Option(help: "CyberArk: the Central Credential Provider's address.")
    var serverAddress: String?

    @Option(help: "CyberArk: the application id.")
    var applicationID: String?

    @Option(help: "CyberArk: the safe.")
    var safe: String?

    @Option(help: "CyberArk: the folder.")
    var folder: String?

    @Option(help: "CyberArk: the object name.")
    var objectName: String?

    @OptionGroup var environment: EnvironmentOption
    @OptionGroup var identity: IdentityOption

    func validate() throws {
      if usernameVar != nil && newUsernameVar != nil {
        throw ValidationError("Give --username-var or --new-username-var, not both.")
      }
      if newUsernameVar != nil && value == nil {
        throw ValidationError("--new-username-var needs --value with the username.")
      }
      let keyVault = [subscription, resourceGroup, vault, secret]
      if secretVar != nil && keyVault.contains(where: { $0 != nil }) {
        throw ValidationError(
          "Give --secret-var or the Key Vault options (--subscription …), not both.")
      }
    }

    var request: CredentialRequest {
      var username: CredentialRequest.Username?
      if let usernameVar {
        username = .existing(schemaName: usernameVar)
      } else if let newUsernameVar {
        username = .new(
          displayName: newUsernameVar, value: value ?? "", schemaName: usernameVarName)
      }
      var secretChoice: CredentialRequest.Secret?
      if let secretVar {
        secretChoice = .existing(schemaName: secretVar)
      } else if [subscription, resourceGroup, vault, secret].contains(where: { $0 != nil }) {
        secretChoice = .new(
          subscription: subscription ?? "", resourceGroup: resourceGroup ?? "", vault: vault ?? "",
          secret: secret ?? "", displayName: newSecretVar, schemaName: secretVarName)
      }
      let cyberArkFields = [serverAddress, applicationID, safe, folder, objectName]
      let cyberArk =
        cyberArkFields.contains(where: { $0 != nil })
        ? CredentialRequest.CyberArk(
          serverAddress: serverAddress ?? "", applicationID: applicationID ?? "", safe: safe ?? "",
          folder: folder ?? "", objectName: objectName ?? "") : nil
      return CredentialRequest(
        name: name, description: description, usages: usage, store: store.store,
        authentication: auth, solution: solution, username: username, secret: secretChoice,
        cyberArk: cyberArk)
    }

    func run() throws {
      try runCredentials(environment, identity) { engine in
        let created = try engine.create(request)
        Console.out(
          "Created credential \"\(created.credential.name)\" in \(created.credential.solution)")
        for variable in created.createdVariables {
          Console.out("  new environment variable \(variable)")
        }
        Console.out(created.credential.text)
      }
    }
  }
}
