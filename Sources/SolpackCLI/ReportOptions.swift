import ArgumentParser
import Foundation
import SolpackArchive
import SolpackEnvironment
import SolpackModel
import SolpackReports

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json, junit, html, sarif
}

/// `--format` for standard output and `--report FILE`; the exit code follows the outcome.
struct ReportOptions: ParsableArguments {
  @Option(help: "text, json, junit, html or sarif, on standard output.")
  var format: ReportFormat = .text

  @Option(help: "Also write the report to this file, in --report-format.")
  var report: String?

  @Option(help: "Format of --report: json (default), junit, html, sarif or text.")
  var reportFormat: ReportFormat = .json

  /// True when some output needs the dependency graph (html draws it).
  var needsGraph: Bool { format == .html || (report != nil && reportFormat == .html) }

  func render(_ value: ImportReport, as format: ReportFormat, graph: DependencyGraph?) throws
    -> String
  {
    switch format {
    case .text: value.text()
    case .json: try value.json()
    case .junit: value.junit()
    case .html: value.html(graph: graph)
    case .sarif: try value.sarif(toolVersion: Solpack.configuration.version)
    }
  }

  func emit(_ value: ImportReport, graph: DependencyGraph? = nil) throws {
    Console.out(try render(value, as: format, graph: graph))
    if let report {
      try writeReport(try render(value, as: reportFormat, graph: graph), to: report)
    }
    if value.outcome == .refused { throw ExitCode.failure }
  }
}

/// Writes a report file in one piece (AtomicFile); a failure is a diagnostic naming it.
func writeReport(_ text: String, to path: String) throws {
  do {
    try AtomicFile.write(Data((text + "\n").utf8), to: URL(fileURLWithPath: path))
  } catch let error as DiagnosticError {
    Console.report([error.diagnostic], source: path)
    throw ExitCode.failure
  }
}
