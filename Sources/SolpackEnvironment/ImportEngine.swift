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
    let (inputs, unreadable) = ImportInput.read(paths)
    report.diagnostics += unreadable
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
      try store.commit(
        simulation.state, entries: counted(simulation.entries, options.progress), run: report)
    } catch let error as DiagnosticError {
      report.outcome = .refused
      report.diagnostics.append(error.diagnostic)
    } catch {
      report.outcome = .refused
      report.diagnostics.append(.error("environment-write-failed", "\(error)"))
    }
    return report
  }

  /// The same entries, each telling `progress` when the store has read it.
  private static func counted(_ entries: [String: [StoredEntry]], _ progress: ProgressHandler?)
    -> [String: [StoredEntry]]
  {
    guard let progress else { return entries }
    let all = entries.values.flatMap { $0 }
    let counter = ProgressCounter(
      entries: all.count, bytes: all.reduce(0) { $0 + $1.size }, handler: progress)
    return entries.mapValues { list in
      list.map { entry in
        StoredEntry(path: entry.path, size: entry.size) {
          let data = try entry.load()
          counter.add(UInt64(data.count))
          return data
        }
      }
    }
  }
}
