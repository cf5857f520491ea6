import ArgumentParser

/// The `solpack` command: Power Platform solution archives, offline.
public struct Solpack: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "solpack",
    abstract: "Pack, unpack and inspect Power Platform solution archives, offline.",
    discussion: """
      Exit codes: 0 success, 1 refused or failed, 64 usage error.
      Examples:
        solpack pack samples/CredentialsCore CredentialsCore.zip
        solpack inspect CredentialsCore.zip
        solpack unpack CredentialsCore.zip CredentialsCore
      """,
    version: "0.1.0",
    subcommands: [Pack.self, Unpack.self, Inspect.self]
  )

  public init() {}
}
