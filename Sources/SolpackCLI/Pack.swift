import ArgumentParser
import Foundation
import SolpackArchive
import SolpackModel

extension Solpack {
  struct Pack: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "pack",
      abstract: "Pack an unpacked solution folder into a solution archive.",
      discussion: """
        Reads SolutionPackager's layout (Other/Solution.xml, Workflows/*.data.xml, …), as
        written by `solpack unpack` or `pac solution unpack`, or an extracted archive.
        The archive is deterministic: the same folder gives the same bytes
        (SOURCE_DATE_EPOCH sets the entries' timestamp).

        Example:
          solpack pack samples/CredentialsCore CredentialsCore.zip
        """)

    @Argument(help: "The unpacked solution folder.")
    var folder: String

    @Argument(help: "The archive to write (replaced if it exists).")
    var archive: String

    @Option(help: "unmanaged or managed; without it, solution.xml's <Managed> is kept.")
    var packagetype: PackageType?

    @OptionGroup var terminal: TerminalOptions

    func run() throws {
      let output = URL(fileURLWithPath: archive)
      try runReporting(
        source: (folder as NSString).lastPathComponent,
        color: terminal.color.enabled(for: STDERR_FILENO)
      ) {
        let start = Date()
        let meter = terminal.progress("Packing")
        var zip = ZipWriter.Options.fromEnvironment()
        zip.progress = meter?.handler
        let result: Packer.Result
        do {
          defer { meter?.finish() }
          result = try Packer.pack(
            folder: URL(fileURLWithPath: folder), to: output,
            options: Packer.Options(managed: packagetype?.managedState, zip: zip))
        }
        guard !terminal.quiet else { return result.diagnostics }
        let manifest = result.solution.manifest
        let seconds = Date().timeIntervalSince(start)
        Console.out(
          "Packed \(manifest.uniqueName) \(manifest.version) (\(manifest.managed.displayName)) → \(archive): \(result.entryCount) entries, \(Console.size(result.uncompressedBytes)) in \(String(format: "%.2f", seconds)) s"
        )
        return result.diagnostics
      }
    }
  }
}

enum PackageType: String, ExpressibleByArgument, CaseIterable {
  case unmanaged, managed

  var managedState: ManagedState { self == .managed ? .managed : .unmanaged }
}
