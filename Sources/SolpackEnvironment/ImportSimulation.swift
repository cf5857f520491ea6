import Foundation
import SolpackArchive
import SolpackModel

/// The environment as the run goes: each solution is checked against it, then its
/// components are put in, so the next solution sees them.
struct ImportSimulation: Sendable {
  var state: EnvironmentState
  let options: ImportOptions
  let inputs: [ImportInput]
  /// Archive entries to store, per solution imported.
  var entries: [String: [StoredEntry]] = [:]
  /// Settings entries a solution of the run used (`env:` / `conn:` + lower-cased name).
  var usedSettings = Set<String>()

  init(state: EnvironmentState, options: ImportOptions, inputs: [ImportInput]) {
    self.state = state
    self.options = options
    self.inputs = inputs
  }

  struct Result {
    var planned: ImportReport.PlannedSolution
    var solution: ImportReport.SolutionResult
  }

  mutating func apply(_ input: ImportInput, after: [String]) -> Result {
    let solution = input.solution
    let manifest = solution.manifest
    let installed = state.solution(input.name)
    var result = ImportReport.SolutionResult(uniqueName: input.name)
    var checks = CheckRecorder()
    checks.add(input.diagnostics)

    // Version and managed state against what is installed.
    var action: ImportReport.PlannedSolution.Action =
      installed == nil ? .install : (options.upgrade ? .upgrade : .update)
    if let installed, let old = SolutionVersion(installed.version) {
      if manifest.version <= old && options.skipLowerVersion {
        action = .skip
        checks.add(
          "version-downgrade",
          Diagnostic(
            .note, id: "version-downgrade",
            message:
              "\(input.name) \(manifest.version) is not higher than the installed \(installed.version); skipped",
            entry: "solution.xml", component: "solution \(input.name)"))
      } else if manifest.version < old {
        checks.add(
          "version-downgrade",
          .error(
            "version-downgrade",
            "\(input.displaySource) holds \(input.name) \(manifest.version), lower than the installed \(installed.version)",
            entry: "solution.xml", component: "solution \(input.name)",
            hint:
              "Import a version higher than \(installed.version), or pass --skip-lower-version to skip it."
          ))
      }
    }
    checks.pass("version-downgrade")
    let planned = ImportReport.PlannedSolution(
      uniqueName: input.name, version: manifest.version.text, managed: manifest.managed == .managed,
      source: input.displaySource, action: action, installedVersion: installed?.version,
      after: after)
    if action == .skip {
      result.checks = checks.checks
      result.diagnostics = checks.diagnostics
      return Result(planned: planned, solution: result)
    }
    if let installed, installed.managed != (manifest.managed == .managed), !installed.provided {
      checks.add(
        "managed-conflict",
        .error(
          "managed-conflict",
          "\(input.name) is installed \(installed.managed ? "managed" : "unmanaged") and \(input.displaySource) is \(manifest.managed.displayName)",
          entry: "solution.xml", component: "solution \(input.name)",
          hint:
            "Import the same kind that is installed; to switch, delete the installed solution first."
        ))
    }
    let values = resolvedValues(input)
    // The checks read the environment as it was before this solution and the install
    // changes it: the checks run on another core meanwhile, on a copy (which shares
    // the arrays until the install writes one).
    let before = self
    let checked = BackgroundTask { [checks] in
      var checks = checks
      before.checkDependencies(input, &checks)
      before.checkValues(input, values, &checks)
      before.checkCredentials(input, &checks)
      before.checkCredentialUse(input, &checks)
      for check in Self.checkIDs { checks.pass(check) }
      return checks
    }
    let changes = install(input, values: values)
    checks = checked.result()
    result.diagnostics = checks.diagnostics
    result.checks = checks.checks
    result.added = changes.added
    result.updated = changes.updated
    result.removed = changes.removed
    result.flows = changes.flows
    if let blocked = changes.blocked {
      result.diagnostics.append(blocked)
      result.checks.append(ImportReport.Check(id: "upgrade-removal-blocked", passed: false))
    }
    result.diagnostics += changes.bindings
    return Result(planned: planned, solution: result)
  }

  static let checkIDs = [
    "malformed-input", "version-downgrade", "managed-conflict", "missing-dependency",
    "flow-reference-unknown", "env-value-type", "secret-not-reference", "required-value-missing",
    "connection-unbound", "credential-invalid", "permission-denied",
  ]

  // MARK: - Values

  /// Current value of each of the solution's env vars: settings, else the archive's,
  /// else what the environment already holds.
  private mutating func resolvedValues(_ input: ImportInput) -> [String: String] {
    var values: [String: String] = [:]
    // Looked up by name, not searched per variable: solutions carry thousands.
    let settings = Dictionary(
      (options.settings?.environmentVariables ?? []).map { ($0.schemaName.lowercasedName, $0) },
      uniquingKeysWith: { first, _ in first })
    let existing = Dictionary(
      state.environmentVariables.map { ($0.schemaName.lowercasedName, $0.currentValue) },
      uniquingKeysWith: { first, _ in first })
    for variable in input.solution.environmentVariables {
      let key = variable.schemaName.lowercasedName
      if let setting = settings[key] {
        usedSettings.insert("env:" + key)
        values[key] = setting.value
      } else if let value = variable.value?.value {
        values[key] = value
      } else if let current = existing[key] ?? nil {
        values[key] = current
      }
    }
    return values
  }

  /// Settings entries that matched nothing in the run or the environment.
  func settingsDiagnostics() -> [Diagnostic] {
    guard let settings = options.settings else { return [] }
    var result: [Diagnostic] = []
    for variable in settings.environmentVariables
    where !usedSettings.contains("env:" + variable.schemaName.lowercasedName) {
      result.append(
        .warning(
          "settings-unmatched",
          "deployment settings set environment variable \(variable.schemaName), which no solution of this run defines",
          component: "environment variable \(variable.schemaName)",
          hint: "Remove the entry, or check the schema name's spelling."))
    }
    for reference in settings.connectionReferences
    where !usedSettings.contains("conn:" + reference.logicalName.lowercasedName) {
      result.append(
        .warning(
          "settings-unmatched",
          "deployment settings bind connection reference \(reference.logicalName), which no solution of this run defines",
          component: "connection reference \(reference.logicalName)",
          hint: "Remove the entry, or check the logical name's spelling."))
    }
    return result
  }
}

/// Collects diagnostics and which checks failed, for the report and JUnit.
struct CheckRecorder: Sendable {
  private(set) var diagnostics: [Diagnostic] = []
  private(set) var checks: [ImportReport.Check] = []

  mutating func add(_ id: String, _ diagnostic: Diagnostic) {
    diagnostics.append(diagnostic)
    if diagnostic.severity == .error { fail(id) }
  }

  /// Problems found while reading the input.
  mutating func add(_ read: [Diagnostic]) {
    for diagnostic in read { add("malformed-input", diagnostic) }
  }

  mutating func fail(_ id: String) {
    if let index = checks.firstIndex(where: { $0.id == id }) {
      checks[index].passed = false
    } else {
      checks.append(ImportReport.Check(id: id, passed: false))
    }
  }

  /// Marks `id` as run; it stays failed if it failed.
  mutating func pass(_ id: String) {
    if !checks.contains(where: { $0.id == id }) {
      checks.append(ImportReport.Check(id: id, passed: true))
    }
  }
}
