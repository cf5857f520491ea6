import Foundation
import SolpackModel

/// Changes to an environment other than import: declaring solutions it did not import.
public enum EnvironmentEngine {
  /// `env provide`: records `uniqueName` at `version` as present, with `components`, so
  /// dependencies on it are satisfied. Replaces an earlier declaration of the same name;
  /// refuses to overwrite a solution that was imported.
  public static func provide(
    _ uniqueName: String, version: String, components: [ComponentKey], store: any EnvironmentStore,
    now: Date = Date()
  ) throws {
    guard SolutionVersion(version) != nil else {
      throw DiagnosticError(
        .error(
          "manifest-version-invalid", "\(version) is not a version",
          component: "solution \(uniqueName)",
          hint: "Write the version as major.minor.build.revision, e.g. 9.0.4.0."))
    }
    try store.exclusively("env provide") {
      var state = try store.load()
      if let existing = state.solution(uniqueName), !existing.provided {
        throw DiagnosticError(
          .error(
            "solution-installed",
            "\(existing.uniqueName) \(existing.version) was imported into \(store.location); it is not declared",
            component: "solution \(existing.uniqueName)",
            hint: "Only solutions solpack did not import are declared with `env provide`."))
      }
      state.solutions.removeAll { $0.uniqueName.caseInsensitiveCompare(uniqueName) == .orderedSame }
      state.components.removeAll { $0.solution.caseInsensitiveCompare(uniqueName) == .orderedSame }
      state.solutions.append(
        InstalledSolution(
          uniqueName: uniqueName, displayName: uniqueName, version: version, managed: true,
          publisher: "", installedAt: now, provided: true))
      state.components += components.map {
        ComponentRecord(key: $0, solution: uniqueName, managed: true)
      }
      try store.commit(state, entries: [:], run: nil)
    }
  }
}
