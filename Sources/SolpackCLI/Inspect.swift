import ArgumentParser
import Foundation
import SolpackArchive
import SolpackModel

extension Solpack {
  struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "inspect",
      abstract: "Summarize a solution: manifest, components, what each flow uses, dependencies.",
      discussion: """
        Reads an archive, an unpacked folder or an extracted archive. Secret values are
        never shown. Warnings go to standard error; `--format json` writes the report
        (docs/inspect-schema.md) to standard output.

        Example:
          solpack inspect samples/InvoiceFlows
        """)

    @Argument(help: "A solution archive or folder.")
    var path: String

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @OptionGroup var limitOptions: LimitOptions

    func run() throws {
      let name = (path as NSString).lastPathComponent
      try runReporting(source: name) {
        let source = try SolutionSources.open(
          URL(fileURLWithPath: path), limits: limitOptions.limits)
        let result = try SolutionReader.read(source, metadata: .essentials)
        let report = InspectReport(result.solution, source: name, diagnostics: result.diagnostics)
        switch format {
        case .text: Console.out(report.text)
        case .json:
          Console.out(try report.jsonText())
        }
        return result.diagnostics
      }
    }
  }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json
}
