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
    // An import starts storing each archive's entries as soon as it is open: into a
    // new environment, that overlaps reading and checking it (`stage`).
    let staging = options.mode == .import ? store : nil
    defer { staging?.discardStaged() }
    // One count for all archives, its totals growing as each is staged.
    let stagedProgress = ProgressCounter(entries: 0, bytes: 0, handler: options.progress)
    let (inputs, unreadable) = ImportInput.read(
      paths, verify: options.mode != .import, sharing: staging != nil
    ) {
      source in
      staging?.stage {
        let entries = StoredEntry.all(of: source)
        stagedProgress.grow(entries: entries.count, bytes: entries.reduce(0) { $0 + $1.size })
        return (try solutionName(source), counted(entries, stagedProgress))
      }
    }
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
    // An import holds the environment's operation lock from load to commit, so no
    // other operation commits between what it checked and what it writes. A dry run
    // or a check only reads, in one transaction.
    do {
      if options.mode == .import, let store {
        try store.exclusively("import") {
          try decide(&report, inputs: inputs, store: store, options: options)
        }
      } else {
        try decide(&report, inputs: inputs, store: store, options: options)
      }
    } catch let error as DiagnosticError {
      report.outcome = .refused
      report.diagnostics.append(error.diagnostic)
    } catch {
      report.outcome = .refused
      report.diagnostics.append(.error("environment-write-failed", "\(error)"))
    }
    freeElsewhere(consume inputs)
    return report
  }

  /// Loads the environment, plans and checks the inputs against it and, for an
  /// import with no error, commits the result.
  private static func decide(
    _ report: inout ImportReport, inputs: [ImportInput], store: (any EnvironmentStore)?,
    options: ImportOptions
  ) throws {
    let state: EnvironmentState
    do {
      state = try store?.load() ?? EnvironmentState()
    } catch let error as DiagnosticError {
      throw error
    } catch {
      throw DiagnosticError(.error("environment-unreadable", "\(error)"))
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
      return
    }
    guard options.mode == .import, let store else {
      report.outcome = .passed
      return
    }
    report.outcome = .imported
    try store.commit(
      simulation.state, entries: counted(simulation.entries, options.progress), run: report)
    freeElsewhere(consume simulation)
  }

  /// The same entries, each telling `progress` when the store has read it.
  private static func counted(_ entries: [String: [StoredEntry]], _ progress: ProgressHandler?)
    -> [String: [StoredEntry]]
  {
    guard progress != nil else { return entries }
    let order = Array(entries.keys)
    let all = counted(order.flatMap { entries[$0]! }, progress)
    var result: [String: [StoredEntry]] = [:]
    var start = 0
    for name in order {
      let count = entries[name]!.count
      result[name] = Array(all[start..<start + count])
      start += count
    }
    return result
  }

  private static func counted(_ entries: [StoredEntry], _ progress: ProgressHandler?)
    -> [StoredEntry]
  {
    guard let progress else { return entries }
    let counter = ProgressCounter(
      entries: entries.count, bytes: entries.reduce(0) { $0 + $1.size }, handler: progress)
    return counted(entries, counter)
  }

  private static func counted(_ entries: [StoredEntry], _ counter: ProgressCounter)
    -> [StoredEntry]
  {
    guard counter.isCounting else { return entries }
    return entries.map { entry in
      StoredEntry(path: entry.path, size: entry.size) {
        let data = try entry.load()
        counter.add(UInt64(data.count))
        return data
      }
    }
  }

  /// The unique name a solution's entries are stored under, as `SolutionReader` reads it.
  private static func solutionName(_ source: any SolutionSource) throws -> String {
    let entry = "solution.xml"
    return try ManifestCodec.decode(XMLReader.parse(source.read(entry), entry: entry), entry: entry)
      .uniqueName
  }
}
