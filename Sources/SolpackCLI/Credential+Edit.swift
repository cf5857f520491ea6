import ArgumentParser
import SolpackEnvironment

extension Solpack.Credential {
  struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "edit",
      abstract: "Rename a credential or change its description.",
      discussion: """
        The env vars behind the username and the secret cannot be re-pointed: change the env
        var's value, or add a new version of the secret in Key Vault (`solpack secret rotated`).

        Example:
          solpack credential edit "Invoice Portal Login" --description "Rotated monthly"
        """)

    @Argument(help: "The credential's name.")
    var name: String

    @Option(name: .customLong("name"), help: "A new name.")
    var newName: String?

    @Option(help: "A new description.")
    var description: String?

    @Option(help: "Refused: a credential keeps its username env var.")
    var usernameVar: String?

    @Option(help: "Refused: a credential keeps its secret env var.")
    var secretVar: String?

    @OptionGroup var environment: EnvironmentOption
    @OptionGroup var identity: IdentityOption

    func run() throws {
      let repointed =
        usernameVar != nil ? "--username-var" : (secretVar != nil ? "--secret-var" : nil)
      try runCredentials(environment, identity) { engine in
        let summary = try engine.edit(
          name, .init(name: newName, description: description, repointed: repointed))
        Console.out("Updated credential \"\(summary.name)\".")
        Console.out(summary.text)
      }
    }
  }
}
