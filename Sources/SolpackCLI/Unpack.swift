import ArgumentParser
import Foundation
import SolpackArchive
import SolpackModel

extension Solpack {
  struct Unpack: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "unpack",
      abstract: "Unpack a solution archive into SolutionPackager's folder layout.",
      discussion: """
        Writes Other/Solution.xml, Other/Customizations.xml, Workflows/*.json with their
        .data.xml metadata, environmentvariabledefinitions/, credentials/, Connectors/ and
        every other part at its archive path. The folder is written beside the target and
        renamed into place only when complete.

        Examples:
          solpack unpack CredentialsCore.zip CredentialsCore
          solpack unpack CredentialsCore.zip CredentialsCore --canonical --force
        """)

    @Argument(help: "The solution archive (.zip).")
    var archive: String

    @Argument(help: "The folder to create.")
    var folder: String

    @Flag(help: "Replace the folder if it exists.")
    var force = false

    @Flag(
      help:
        "Write XML and JSON in solpack's canonical form (docs/canonical.md), so two equal exports unpack to the same bytes."
    )
    var canonical = false

    @OptionGroup var limitOptions: LimitOptions
    @OptionGroup var terminal: TerminalOptions

    func run() throws {
      try runReporting(
        source: (archive as NSString).lastPathComponent,
        color: terminal.color.enabled(for: STDERR_FILENO)
      ) {
        let start = Date()
        let source = try SolutionSources.open(
          URL(fileURLWithPath: archive), limits: limitOptions.limits)
        let meter = terminal.progress("Unpacking")
        let result: Unpacker.Result
        do {
          defer { meter?.finish() }
          result = try Unpacker.unpack(
            source, to: URL(fileURLWithPath: folder), replacing: force, canonical: canonical,
            progress: meter?.handler)
        }
        guard !terminal.quiet else { return result.diagnostics }
        let manifest = result.solution.manifest
        let seconds = Date().timeIntervalSince(start)
        Console.out(
          "Unpacked \(manifest.uniqueName) \(manifest.version) (\(manifest.managed.displayName)) → \(folder): \(result.fileCount) files, \(Console.size(result.bytes)) in \(String(format: "%.2f", seconds)) s"
        )
        return result.diagnostics
      }
    }
  }
}
