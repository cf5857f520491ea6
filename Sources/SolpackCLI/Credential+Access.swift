import ArgumentParser
import SolpackEnvironment

extension Solpack.Credential {
  struct Access: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "access",
      abstract: "Show who has access to a credential and to its env vars.",
      discussion: "Example:\n  solpack credential access \"Invoice Portal Login\" --format json")

    @Argument(help: "The credential's name.")
    var name: String

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @OptionGroup var environment: EnvironmentOption
    @OptionGroup var identity: IdentityOption

    func run() throws {
      try runCredentials(environment, identity) { engine in
        let listing = try engine.access(name)
        Console.out(format == .json ? try listing.jsonText() : listing.text)
      }
    }
  }
}
