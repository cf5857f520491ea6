import ArgumentParser
import Foundation
import SolpackArchive
import SolpackEnvironment
import SolpackModel

extension Solpack {
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export",
      abstract: "Write an installed solution from the environment to an archive.",
      discussion: """
        Current env var values go into the archive (Secrets only ever as Key Vault
        references) unless --no-values; MissingDependencies names what its components need
        from other solutions. The archive is written through a temporary file.

        Example:
          solpack export CredentialsCore CredentialsCore.zip --no-values
        """)

    @Argument(help: "The solution's unique name.")
    var uniqueName: String

    @Argument(help: "The archive to write.")
    var archive: String

    @Flag(help: "Export as managed.")
    var managed = false

    @Flag(help: "Leave current env var values out.")
    var noValues = false

    @OptionGroup var environment: EnvironmentOption
    @OptionGroup var terminal: TerminalOptions

    func run() throws {
      try runReporting(
        source: environment.store.location, color: terminal.color.enabled(for: STDERR_FILENO)
      ) {
        let meter = terminal.progress("Exporting")
        let result: Packer.Result
        do {
          defer { meter?.finish() }
          result = try ExportEngine.export(
            uniqueName, from: environment.store, to: URL(fileURLWithPath: archive),
            options: ExportEngine.Options(
              managed: managed ? true : nil, includeValues: !noValues, progress: meter?.handler))
        }
        guard !terminal.quiet else { return result.diagnostics }
        let manifest = result.solution.manifest
        Console.out(
          "Exported \(manifest.uniqueName) \(manifest.version) (\(manifest.managed.displayName)) → \(archive): \(result.entryCount) entries"
        )
        return result.diagnostics
      }
    }
  }
}
