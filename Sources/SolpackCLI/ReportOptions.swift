import ArgumentParser
import Foundation
import SolpackArchive
import SolpackEnvironment
import SolpackModel

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json, junit
}

/// `--format` for standard output and `--report FILE`; the exit code follows the outcome.
struct ReportOptions: ParsableArguments {
  @Option(help: "text, json or junit, on standard output.")
  var format: ReportFormat = .text

  @Option(help: "Also write the report to this file, in --report-format.")
  var report: String?

  @Option(help: "Format of --report: json (default), junit or text.")
  var reportFormat: ReportFormat = .json

  func render(_ value: ImportReport, as format: ReportFormat) throws -> String {
    switch format {
    case .text: value.text()
    case .json: try value.json()
    case .junit: value.junit()
    }
  }

  func emit(_ value: ImportReport) throws {
    Console.out(try render(value, as: format))
    if let report {
      do {
        try AtomicFile.write(
          Data((try render(value, as: reportFormat) + "\n").utf8), to: URL(fileURLWithPath: report))
      } catch let error as DiagnosticError {
        Console.report([error.diagnostic], source: report)
        throw ExitCode.failure
      }
    }
    if value.outcome == .refused { throw ExitCode.failure }
  }
}
