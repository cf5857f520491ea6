import ArgumentParser
import Foundation
import SolpackArchive
import SolpackDiff
import SolpackModel

extension Solpack {
  struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Compare two solutions by meaning: components first, then fields.",
      discussion: """
        Archives and unpacked folders, in any combination. Differences in entry order, XML
        formatting, attribute order, line ends, BOMs and the order of collections Dataverse
        does not order are not differences. Secret values show only as changed. Exits 0;
        with --exit-code, 1 when they differ (like git diff).

        Example:
          solpack diff InvoiceFlows_1_0_0_0.zip InvoiceFlows_1_1_0_0.zip --format markdown
        """)

    @Argument(help: "The old solution (archive or folder).")
    var a: String

    @Argument(help: "The new solution (archive or folder).")
    var b: String

    @Option(help: "text, json or markdown.")
    var format: DiffFormat = .text

    @Flag(help: "Counts per kind only.")
    var stat = false

    @Flag(help: "Exit 1 when the solutions differ.")
    var exitCode = false

    @Option(help: "auto, always or never (auto: on a terminal, unless NO_COLOR is set).")
    var color: ColorChoice = .auto

    func run() throws {
      var differ = false
      try runReporting(source: (b as NSString).lastPathComponent) {
        let report = try DiffEngine.diff(
          SolutionSources.open(URL(fileURLWithPath: a)),
          SolutionSources.open(URL(fileURLWithPath: b)),
          names: (a, b))
        differ = !report.identical
        switch (format, stat) {
        case (.text, true): Console.out(report.statText())
        case (.text, false): Console.out(report.text(color: color.enabled))
        case (.json, _): Console.out(try report.json())
        case (.markdown, _): Console.out(report.markdown())
        }
        return report.diagnostics
      }
      if exitCode && differ { throw ExitCode.failure }
    }
  }
}

enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json, markdown
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
  case auto, always, never

  var enabled: Bool {
    switch self {
    case .always: true
    case .never: false
    case .auto:
      isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
  }
}
