import ArgumentParser
import SolpackEnvironment

extension Solpack.Credential {
  struct Delete: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "delete",
      abstract: "Delete a credential; its env vars stay.",
      discussion: "Example:\n  solpack credential delete \"Invoice Portal Login\" --as alice")

    @Argument(help: "The credential's name.")
    var name: String

    @OptionGroup var environment: EnvironmentOption
    @OptionGroup var identity: IdentityOption

    func run() throws {
      try runCredentials(environment, identity) { engine in
        let deleted = try engine.delete(name)
        Console.out("Deleted credential \"\(deleted.credential)\" from \(deleted.solution).")
        if !deleted.keptVariables.isEmpty {
          Console.out(
            "Kept its environment variables: \(deleted.keptVariables.joined(separator: ", ")).")
        }
      }
    }
  }
}
