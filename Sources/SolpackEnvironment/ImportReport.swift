import Foundation
import SolpackModel

/// What `solpack import` and `solpack check` found and did: the plan, per solution the
/// changes and the checks, and every diagnostic. Versioned JSON (docs/import-report.md).
/// Never holds a secret value.
public struct ImportReport: Sendable, Codable, Equatable {
  public enum Mode: String, Sendable, Codable {
    case `import`, dryRun = "dry-run", check
  }

  public enum Outcome: String, Sendable, Codable {
    /// The environment now holds the plan's solutions.
    case imported
    /// Every check passed; nothing was changed (dry run or check).
    case passed
    /// At least one error: nothing was changed.
    case refused
  }

  public struct PlannedSolution: Sendable, Codable, Equatable {
    public enum Action: String, Sendable, Codable {
      case install, update, upgrade, skip
    }

    public var uniqueName: String
    public var version: String
    public var managed: Bool
    /// The archive or folder as given.
    public var source: String
    public var action: Action
    /// Version installed before, for update, upgrade and skip.
    public var installedVersion: String?
    /// Why it comes where it does: the solutions of this run it needs.
    public var after: [String]

    public init(
      uniqueName: String, version: String, managed: Bool, source: String, action: Action,
      installedVersion: String? = nil, after: [String] = []
    ) {
      self.uniqueName = uniqueName
      self.version = version
      self.managed = managed
      self.source = source
      self.action = action
      self.installedVersion = installedVersion
      self.after = after
    }
  }

  /// One check on one solution: JUnit shows each as a test case.
  public struct Check: Sendable, Codable, Equatable {
    /// The diagnostic id the check reports (`missing-dependency`).
    public var id: String
    public var passed: Bool
    public init(id: String, passed: Bool) {
      self.id = id
      self.passed = passed
    }
  }

  public struct FlowState: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var on: Bool
    /// Why a flow is off: `connection reference contoso_X is not bound`.
    public var reasons: [String]
    public init(id: String, name: String, on: Bool, reasons: [String] = []) {
      self.id = id
      self.name = name
      self.on = on
      self.reasons = reasons
    }
  }

  public struct SolutionResult: Sendable, Codable, Equatable {
    public var uniqueName: String
    /// Components as `kind name` (`flow Process Invoices`).
    public var added: [String]
    public var updated: [String]
    public var removed: [String]
    public var flows: [FlowState]
    public var checks: [Check]
    public var diagnostics: [Diagnostic]

    public init(
      uniqueName: String, added: [String] = [], updated: [String] = [], removed: [String] = [],
      flows: [FlowState] = [], checks: [Check] = [], diagnostics: [Diagnostic] = []
    ) {
      self.uniqueName = uniqueName
      self.added = added
      self.updated = updated
      self.removed = removed
      self.flows = flows
      self.checks = checks
      self.diagnostics = diagnostics
    }
  }

  public var schemaVersion = 1
  public var mode: Mode
  public var outcome: Outcome
  /// The environment file, or nil for a check without one.
  public var environment: String?
  public var startedAt: Date
  public var plan: [PlannedSolution]
  public var solutions: [SolutionResult]
  /// Diagnostics about the run as a whole (a cycle, unreadable input, settings).
  public var diagnostics: [Diagnostic]

  public init(
    mode: Mode, outcome: Outcome, environment: String?, startedAt: Date,
    plan: [PlannedSolution] = [], solutions: [SolutionResult] = [], diagnostics: [Diagnostic] = []
  ) {
    self.mode = mode
    self.outcome = outcome
    self.environment = environment
    self.startedAt = startedAt
    self.plan = plan
    self.solutions = solutions
    self.diagnostics = diagnostics
  }

  /// Every diagnostic: the run's, then each solution's.
  public var allDiagnostics: [Diagnostic] { diagnostics + solutions.flatMap(\.diagnostics) }
  public var hasErrors: Bool { allDiagnostics.contains { $0.severity == .error } }
}
