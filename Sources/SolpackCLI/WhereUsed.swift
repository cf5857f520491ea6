import ArgumentParser
import SolpackEnvironment

extension Solpack {
  struct WhereUsed: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "where-used",
      abstract: "List the credentials, connection references and flows that use an env var.",
      discussion: """
        Direct uses, and uses through a credential (flows that use the credential, the
        connection reference it names). Credentials not shared with you are counted, not named.

        Example:
          solpack where-used contoso_InvoicePortalPassword --format json
        """)

    @Argument(help: "The env var's schema name.")
    var schemaName: String

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @OptionGroup var environment: EnvironmentOption
    @OptionGroup var identity: IdentityOption

    func run() throws {
      try runReporting(source: environment.store.location) {
        let report = try WhereUsedReport.build(
          schemaName, actor: identity.name, state: try environment.store.load())
        Console.out(format == .json ? try report.jsonText() : report.text)
        return []
      }
    }
  }
}
