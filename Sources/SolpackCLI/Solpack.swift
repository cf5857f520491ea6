import ArgumentParser

/// The `solpack` command: Power Platform solution archives, offline.
public struct Solpack: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "solpack",
    abstract:
      "Power Platform solution archives, offline: pack, unpack, inspect, check, import, export.",
    discussion: """
      Exit codes: 0 success, 1 refused or failed, 64 usage error.
      Examples:
        solpack pack samples/CredentialsCore CredentialsCore.zip
        solpack inspect CredentialsCore.zip
        solpack unpack CredentialsCore.zip CredentialsCore
        solpack graph CredentialsCore.zip InvoiceFlows.zip --format html > graph.html
      Shell completions and the man page: `solpack completions bash|zsh|fish`, `solpack man`.
      """,
    version: "0.1.0",
    subcommands: [
      Pack.self, Unpack.self, Inspect.self, Diff.self, Check.self, Import.self, Export.self,
      Env.self, CreateSettings.self, Credential.self, WhereUsed.self, Secret.self, Graph.self,
      Completions.self, Manual.self,
    ]
  )

  public init() {}
}
