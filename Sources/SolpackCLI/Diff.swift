import ArgumentParser
import Foundation
import SolpackArchive
import SolpackDiff
import SolpackModel
import SolpackReports

extension Solpack {
  struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "diff",
      abstract: "Compare two solutions by meaning: components first, then fields.",
      discussion: """
        Archives and unpacked folders, in any combination. Differences in entry order, XML
        formatting, attribute order, line ends, BOMs and the order of collections Dataverse
        does not order are not differences. Secret values show only as changed. Exits 0;
        with --exit-code, 1 when they differ (like git diff).

        Example:
          solpack diff InvoiceFlows_1_0_0_0.zip InvoiceFlows_1_1_0_0.zip --format markdown
          solpack diff old.zip new.zip --report diff.html
        """)

    @Argument(help: "The old solution (archive or folder).")
    var a: String

    @Argument(help: "The new solution (archive or folder).")
    var b: String

    @Option(help: "text, json, markdown or html.")
    var format: DiffFormat = .text

    @Option(help: "Also write the diff to this file, in --report-format.")
    var report: String?

    @Option(help: "Format of --report: html (default), json, markdown or text.")
    var reportFormat: DiffFormat = .html

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
          URL(fileURLWithPath: a), URL(fileURLWithPath: b), names: (a, b))
        differ = !report.identical
        Console.out(try render(report, as: format, color: color.enabled))
        if let path = self.report {
          try writeReport(try render(report, as: reportFormat, color: false), to: path)
        }
        return report.diagnostics
      }
      if exitCode && differ { throw ExitCode.failure }
    }

    private func render(_ report: DiffReport, as format: DiffFormat, color: Bool) throws -> String {
      switch (format, stat) {
      case (.text, true): report.statText()
      case (.text, false): report.text(color: color)
      case (.json, _): try report.json()
      case (.markdown, _): report.markdown()
      case (.html, _): report.html()
      }
    }
  }
}

enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json, markdown, html
}
