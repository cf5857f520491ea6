import ArgumentParser
import Foundation
import SolpackEnvironment
import SolpackModel

extension Solpack {
  struct Secret: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "secret",
      abstract: "Tell the environment about Key Vault secret changes.",
      discussion: """
        Example:
          solpack secret rotated --vault kv-contoso --secret invoice-portal-password --version 3f2a
        """,
      subcommands: [Rotated.self])
  }
}

extension Solpack.Secret {
  struct Rotated: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "rotated",
      abstract: "Record a new version of a Key Vault secret on everything that uses it.",
      discussion: """
        Finds the Secret env vars whose Key Vault reference names the secret and records the
        version on them and on the credentials and connection references that use them — what
        Dataverse's NotifyEnvironmentVariableSecretChange does. --event reads an Azure Event
        Grid Microsoft.KeyVault.SecretNewVersionCreated event (a file, or - for standard input).

        Examples:
          solpack secret rotated --vault kv-contoso --secret invoice-portal-password
          solpack secret rotated --event secret-event.json
        """)

    @Option(help: "The Key Vault's name.")
    var vault: String?

    @Option(help: "The secret's name.")
    var secret: String?

    @Option(help: "The new version's id.")
    var version: String?

    @Option(help: "An Event Grid SecretNewVersionCreated event: a file, or - for standard input.")
    var event: String?

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @OptionGroup var environment: EnvironmentOption
    @OptionGroup var identity: IdentityOption

    func validate() throws {
      if event != nil, vault != nil || secret != nil || version != nil {
        throw ValidationError("Give --event, or --vault and --secret, not both.")
      }
      if event == nil, vault == nil || secret == nil {
        throw ValidationError("Give --vault and --secret, or --event FILE.")
      }
    }

    func notices() throws -> [SecretNotice] {
      guard let event else {
        return [SecretNotice(vault: vault ?? "", secret: secret ?? "", version: version)]
      }
      let data: Data
      do {
        data =
          event == "-"
          ? FileHandle.standardInput.readDataToEndOfFile()
          : try Data(contentsOf: URL(fileURLWithPath: event))
      } catch {
        throw DiagnosticError(
          .error(
            "event-unreadable", "\(event) could not be read: \(error.localizedDescription)",
            hint: "Pass the path of a file holding the event, or - to read standard input."))
      }
      return try SecretNotice.parse(event: data, entry: event == "-" ? "<stdin>" : event)
    }

    func run() throws {
      try runCredentials(environment, identity) { engine in
        let rotations = try engine.rotated(try notices())
        if format == .json {
          Console.out(try rotations.jsonText())
        } else {
          for rotation in rotations {
            Console.out(rotation.text(environment: environment.store.location))
          }
        }
      }
    }
  }
}
