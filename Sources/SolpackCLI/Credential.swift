import ArgumentParser
import SolpackEnvironment

extension Solpack {
  struct Credential: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "credential",
      abstract: "Create, share, edit and delete Power Automate credentials in an environment.",
      discussion: """
        A credential names the env vars that hold a username and a secret (an Azure Key Vault
        reference) or the CyberArk fields; it never holds a secret itself. Every command acts
        as --as USER, else $SOLPACK_USER, else the login name, and checks that user's role:
        Owner and Co-owner may do everything, a User who can share may use and share (as User
        or User who can share), a User may only use it.

        Examples:
          solpack credential create --name "Invoice Portal Login" --usage desktop-flow \\
            --store azure-key-vault --auth password --solution CredentialsCore \\
            --new-username-var "Invoice portal username" --value 'CONTOSO\\svc-invoices' \\
            --subscription 0000 --resource-group rg-automation --vault kv-contoso \\
            --secret invoice-portal-password
          solpack credential share "Invoice Portal Login" --with bob --role user
          solpack credential list
        """,
      subcommands: [
        Create.self, List.self, Share.self, Unshare.self, Access.self, Edit.self, Delete.self,
      ])
  }
}

/// The body of a credential or secret command: the engine acts as the caller on the
/// environment; a refusal is printed once and exits 1.
func runCredentials(
  _ environment: EnvironmentOption, _ identity: IdentityOption,
  _ body: (CredentialEngine) throws -> Void
) throws {
  let store = environment.store
  try runReporting(source: store.location) {
    try body(CredentialEngine(store: store, actor: identity.name))
    return []
  }
}
