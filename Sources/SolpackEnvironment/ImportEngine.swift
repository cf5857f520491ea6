import Foundation
import SolpackArchive
import SolpackModel

/// Import, dry run and check: read the inputs, order them, check each against the
/// environment as it will be when its turn comes, and — for an import with no
/// error — write the result in one transaction. Never prints.
public enum ImportEngine {
  public static func run(_ paths: [String], store: (any EnvironmentStore)?, options: ImportOptions)
    -> ImportReport
  {
    var report = ImportReport(
      mode: options.mode, outcome: .refused, environment: store?.location, startedAt: options.now)
    var inputs: [ImportInput] = []
    for path in paths {
      do {
        let source = try SolutionSources.open(URL(fileURLWithPath: path))
        let read = try SolutionReader.read(source)
        // An import copies every entry and so finds any damaged one; a check or dry run
        // must refuse the same archives without copying.
        if options.mode != .import, let archive = source as? ArchiveSource {
          try archive.verify()
        }
        inputs.append(
          ImportInput(
            path: path, source: source, solution: read.solution, diagnostics: read.diagnostics))
      } catch let error as DiagnosticError {
        var diagnostic = error.diagnostic
        diagnostic.message = "\((path as NSString).lastPathComponent): \(diagnostic.message)"
        report.diagnostics.append(diagnostic)
      } catch {
        report.diagnostics.append(.error("input-unreadable", "\(path): \(error)"))
      }
    }
    for (index, input) in inputs.enumerated() {
      if let first = inputs[..<index].first(where: {
        $0.name.caseInsensitiveCompare(input.name) == .orderedSame
      }) {
        report.diagnostics.append(
          .error(
            "duplicate-solution",
            "\(first.displaySource) and \(input.displaySource) are both \(input.name)",
            hint: "Give each solution once."))
      }
    }
    let state: EnvironmentState
    do {
      state = try store?.load() ?? EnvironmentState()
    } catch let error as DiagnosticError {
      report.diagnostics.append(error.diagnostic)
      return report
    } catch {
      report.diagnostics.append(.error("environment-unreadable", "\(error)"))
      return report
    }
    if let tokens = options.settings?.unresolvedTokens, !tokens.isEmpty {
      report.diagnostics.append(
        .error(
          "settings-unresolved-token",
          "the deployment settings still hold #{…}# placeholders for \(tokens.joined(separator: ", "))",
          hint: "Replace the ALM Accelerator tokens with real values before importing."))
    }
    let plan = ImportPlanner.plan(inputs)
    if let cycle = plan.cycle { report.diagnostics.append(cycle) }
    var simulation = ImportSimulation(state: state, options: options, inputs: inputs)
    for index in plan.order {
      let result = simulation.apply(inputs[index], after: plan.after[index])
      report.plan.append(result.planned)
      report.solutions.append(result.solution)
    }
    report.diagnostics += simulation.settingsDiagnostics()
    if report.hasErrors {
      report.outcome = .refused
      return report
    }
    guard options.mode == .import, let store else {
      report.outcome = .passed
      return report
    }
    report.outcome = .imported
    do {
      try store.commit(simulation.state, entries: simulation.entries, run: report)
    } catch let error as DiagnosticError {
      report.outcome = .refused
      report.diagnostics.append(error.diagnostic)
    } catch {
      report.outcome = .refused
      report.diagnostics.append(.error("environment-write-failed", "\(error)"))
    }
    return report
  }
}
