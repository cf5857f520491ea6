import Foundation
import SolpackArchive
import SolpackModel

/// One archive or folder given to import or check, read.
struct ImportInput: Sendable {
  var path: String
  var source: any SolutionSource
  var solution: Solution
  var diagnostics: [Diagnostic]
  /// `solution.requirements`, computed once: checks, install and sharing all read it.
  var requirements: [Requirement] { computedRequirements.result() }
  /// Computed on another core from the start, and waited for only where first read:
  /// the planner, the checks and the install have other work before they need it.
  private let computedRequirements: BackgroundTask<[Requirement]>
  /// Every component the solution brings, typed or (from RootComponents) not; computed
  /// once, as the planner and the install both read it.
  let componentKeys: [ComponentKey]
  /// What the report calls each component the solution brings, by key; computed on
  /// another core from the start, like the requirements, for the install.
  var displayNames: [ComponentKey: String] { computedDisplayNames.result() }
  private let computedDisplayNames: BackgroundTask<[ComponentKey: String]>

  init(path: String, source: any SolutionSource, solution: Solution, diagnostics: [Diagnostic]) {
    self.path = path
    self.source = source
    self.solution = solution
    self.diagnostics = diagnostics
    // Both walk the whole solution: the requirements (the larger) on another core.
    computedRequirements = BackgroundTask { solution.requirements }
    computedDisplayNames = BackgroundTask { Self.displayNames(solution) }
    componentKeys = Self.componentKeys(of: solution)
  }

  private static func displayNames(_ solution: Solution) -> [ComponentKey: String] {
    var names: [ComponentKey: String] = [:]
    for flow in solution.workflows {
      names[ComponentKey(type: "workflow", name: flow.id)] = "\(flow.kind.displayName) \(flow.name)"
    }
    for reference in solution.connectionReferences {
      names[ComponentKey(type: "connection-reference", name: reference.logicalName)] =
        "connection reference \(reference.logicalName)"
    }
    for variable in solution.environmentVariables {
      names[ComponentKey(type: "environment-variable", name: variable.schemaName)] =
        "environment variable \(variable.schemaName)"
    }
    for credential in solution.credentials {
      names[ComponentKey(type: "credential", name: credential.name)] =
        "credential \(credential.name)"
    }
    for connector in solution.customConnectors {
      if let id = connector.id {
        names[ComponentKey(type: "custom-connector", name: id)] =
          "custom connector \(connector.displayName ?? connector.name)"
      }
    }
    return names
  }

  var externalRequirements: [Requirement] { requirements.filter { !$0.satisfiedInside } }

  var name: String { solution.uniqueName }
  var displaySource: String { (path as NSString).lastPathComponent }

  private static func componentKeys(of solution: Solution) -> [ComponentKey] {
    var keys: [ComponentKey] = []
    solution.forEachProvidedComponent { keys.append(ComponentKey(type: $0.rawValue, name: $1)) }
    for root in solution.manifest.rootComponents where root.type.kind == nil {
      if let name = root.schemaName ?? root.id.map(ComponentReference.normalizedID) {
        keys.append(ComponentKey(type: root.type.description, name: name))
      }
    }
    // Sorted, then equal neighbours dropped: a set of 10,000 keys, and the set of
    // references `providedComponents` builds, cost twice the sort.
    keys.sort { ($0.type, $0.name) < ($1.type, $1.name) }
    var unique: [ComponentKey] = []
    unique.reserveCapacity(keys.count)
    for key in keys where key != unique.last { unique.append(key) }
    return unique
  }

  /// Inflated bytes an archive's two readers may hold for each other at most.
  static let handoffBudget = 16 << 20

  /// What the solution needs from outside: typed requirements and MissingDependencies.
  var externalKeys: [ComponentKey] {
    var keys = externalRequirements.map { ComponentKey($0.required) }
    keys += solution.manifest.missingDependencies.map { ComponentKey($0.required) }
    var seen = Set<ComponentKey>()
    return keys.filter { seen.insert($0).inserted }
  }

  /// Reads each path; one that cannot be read becomes an error naming it.
  /// With `verify`, every entry of an archive is inflated and its CRC checked: an
  /// import copies every entry and so finds any damaged one; a check or dry run must
  /// refuse the same archives without copying.
  /// `opened` is told of each source as soon as it is open, before it is read; with
  /// `sharing`, an archive's entries that `opened` reads too are inflated once for both.
  static func read(
    _ paths: [String], verify: Bool = false, sharing: Bool = false,
    opened: (any SolutionSource) -> Void = { _ in }
  ) -> (inputs: [ImportInput], diagnostics: [Diagnostic]) {
    var inputs: [ImportInput] = []
    var diagnostics: [Diagnostic] = []
    for path in paths {
      do {
        var source = try SolutionSources.open(URL(fileURLWithPath: path))
        if sharing, var archive = source as? ArchiveSource {
          archive.handoff = EntryHandoff(budget: handoffBudget, shares: SolutionReader.reads)
          source = archive
        }
        opened(source)
        // Import, check and graph record what flows use, never their other metadata.
        let read = try SolutionReader.read(source, metadata: .essentials)
        if verify, let archive = source as? ArchiveSource { try archive.verify() }
        inputs.append(
          ImportInput(
            path: path, source: source, solution: read.solution, diagnostics: read.diagnostics))
      } catch let error as DiagnosticError {
        var diagnostic = error.diagnostic
        diagnostic.message = "\((path as NSString).lastPathComponent): \(diagnostic.message)"
        diagnostics.append(diagnostic)
      } catch {
        diagnostics.append(.error("input-unreadable", "\(path): \(error)"))
      }
    }
    return (inputs, diagnostics)
  }
}
