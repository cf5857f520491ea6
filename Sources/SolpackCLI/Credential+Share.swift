import ArgumentParser
import SolpackEnvironment

extension AccessRole: ExpressibleByArgument {}

extension Solpack.Credential {
  struct Share: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "share",
      abstract: "Share a credential, and the env vars it uses, with a user.",
      discussion: """
        Roles: co-owner (use, edit, share, delete), user (use), user-can-share (use, and
        share as user or user-can-share).

        Example:
          solpack credential share "Invoice Portal Login" --with bob --role user-can-share
        """)

    @Argument(help: "The credential's name.")
    var name: String

    @Option(help: "The user to share with.")
    var with: String

    @Option(help: "co-owner, user or user-can-share.")
    var role: AccessRole

    @OptionGroup var environment: EnvironmentOption
    @OptionGroup var identity: IdentityOption

    func run() throws {
      try runCredentials(environment, identity) { engine in
        let change = try engine.share(name, with: with, role: role)
        Console.out(
          "Shared credential \"\(change.credential)\" with \(change.principal) as \(role.displayName)."
        )
        if !change.variables.isEmpty {
          Console.out(
            "Also shared its environment variables as \(role.displayName): \(change.variables.joined(separator: ", "))."
          )
        }
      }
    }
  }
}
