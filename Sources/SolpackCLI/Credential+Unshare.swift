import ArgumentParser
import SolpackEnvironment

extension Solpack.Credential {
  struct Unshare: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "unshare",
      abstract: "Remove a user's access to a credential (not to its env vars).",
      discussion: "Example:\n  solpack credential unshare \"Invoice Portal Login\" --with bob")

    @Argument(help: "The credential's name.")
    var name: String

    @Option(help: "The user to remove.")
    var with: String

    @OptionGroup var environment: EnvironmentOption
    @OptionGroup var identity: IdentityOption

    func run() throws {
      try runCredentials(environment, identity) { engine in
        let change = try engine.unshare(name, from: with)
        Console.out("Removed \(change.principal)'s access to credential \"\(change.credential)\".")
        if !change.keptVariables.isEmpty {
          Console.out(
            "\(change.principal) keeps access to its environment variables: \(change.keptVariables.joined(separator: ", "))."
          )
        }
      }
    }
  }
}
