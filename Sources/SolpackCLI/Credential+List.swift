import ArgumentParser
import SolpackEnvironment

extension Solpack.Credential {
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List the credentials shared with you: store, usage, env vars, owner, your role.",
      discussion: "Example:\n  solpack credential list --as alice --format json")

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @OptionGroup var environment: EnvironmentOption
    @OptionGroup var identity: IdentityOption

    func run() throws {
      try runCredentials(environment, identity) { engine in
        let (credentials, hidden) = try engine.list()
        switch format {
        case .json:
          Console.out(try CredentialListing(credentials: credentials, hidden: hidden).jsonText())
        case .text:
          if credentials.isEmpty {
            Console.out("No credentials shared with \(identity.name).")
          }
          for credential in credentials { Console.out(credential.text) }
          if hidden > 0 {
            Console.out(
              "\(hidden) more credential\(hidden == 1 ? "" : "s") not shared with \(identity.name)."
            )
          }
        }
      }
    }
  }
}

/// `credential list --format json`.
struct CredentialListing: Encodable {
  var credentials: [CredentialSummary]
  var hidden: Int
}
