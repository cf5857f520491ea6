/// One thing a component of the solution needs.
public struct Requirement: Sendable, Hashable, Codable {
  /// The component that needs something, and its name for people.
  public var dependent: ComponentReference
  public var dependentName: String
  public var required: ComponentReference
  /// True when the solution itself contains the required component.
  public var satisfiedInside: Bool
  /// The solution MissingDependencies says provides it (`CredentialsCore (1.0.0.0)`).
  public var expectedSolution: String?
  /// The required component's display name, when MissingDependencies gives one.
  public var requiredDisplayName: String?

  public init(
    dependent: ComponentReference, dependentName: String, required: ComponentReference,
    satisfiedInside: Bool, expectedSolution: String? = nil, requiredDisplayName: String? = nil
  ) {
    self.requiredDisplayName = requiredDisplayName
    self.dependent = dependent
    self.dependentName = dependentName
    self.required = required
    self.satisfiedInside = satisfiedInside
    self.expectedSolution = expectedSolution
  }
}

extension Solution {
  /// Every component this solution contains, keyed as `ComponentReference`s.
  public var providedComponents: Set<ComponentReference> {
    var provided = Set<ComponentReference>()
    forEachProvidedComponent { provided.insert(.init($0, $1)) }
    return provided
  }

  /// Each component this solution contains, as kind and name, duplicates included:
  /// for callers that key them otherwise than `providedComponents` does.
  public func forEachProvidedComponent(_ body: (ComponentKind, String) -> Void) {
    for flow in workflows { body(.workflow, flow.id) }
    for reference in connectionReferences { body(.connectionReference, reference.logicalName) }
    for variable in environmentVariables { body(.environmentVariable, variable.schemaName) }
    for credential in credentials { body(.credential, credential.name) }
    for connector in customConnectors {
      if let id = connector.id { body(.customConnector, id) }
    }
    for root in manifest.rootComponents where root.type.kind == .customConnector {
      if let id = root.id { body(.customConnector, ComponentReference.normalizedID(id)) }
    }
  }

  /// Each component's requirements: flow → connection reference, env var, child flow,
  /// credential; connection reference → custom connector; credential → its env vars
  /// and connection reference. Sorted, without duplicates.
  public var requirements: [Requirement] {
    let provided = providedComponents
    let expected = expectedSolutions
    var result: [Requirement] = []
    result.reserveCapacity(
      workflows.reduce(0) {
        let refs = $1.references
        return $0 + refs.connectionReferences.count + refs.environmentVariables.count
          + refs.childFlows.count + refs.credentials.count
      } + connectionReferences.count
        + credentials.reduce(0) { $0 + $1.environmentVariables.count + 1 })
    // Each dependent's requirements are made one after another: its sort key (kind,
    // name without case) and where they start in `result`.
    var dependents = Dependents()
    func add(_ dependent: ComponentReference, _ name: String, _ kind: ComponentKind, _ key: String)
    {
      let key =
        kind == .workflow || kind == .customConnector
        ? ComponentReference.normalizedID(key) : key
      let required = ComponentReference(kind, key)
      let requirement = Requirement(
        dependent: dependent, dependentName: name, required: required,
        satisfiedInside: provided.contains(required),
        expectedSolution: expected[required]?.solution,
        requiredDisplayName: expected[required]?.displayName)
      result.append(requirement)
    }
    for flow in workflows {
      let me = ComponentReference(.workflow, flow.id)
      dependents.begin(me, at: result.count)
      let refs = flow.references
      for name in refs.connectionReferences { add(me, flow.name, .connectionReference, name) }
      for name in refs.environmentVariables { add(me, flow.name, .environmentVariable, name) }
      for id in refs.childFlows { add(me, flow.name, .workflow, id) }
      for name in refs.credentials { add(me, flow.name, .credential, name) }
    }
    for reference in connectionReferences {
      guard let connector = reference.customConnectorID else { continue }
      let me = ComponentReference(.connectionReference, reference.logicalName)
      dependents.begin(me, at: result.count)
      add(me, reference.logicalName, .customConnector, connector)
    }
    for credential in credentials {
      let me = ComponentReference(.credential, credential.name)
      dependents.begin(me, at: result.count)
      for variable in credential.environmentVariables {
        add(me, credential.name, .environmentVariable, variable)
      }
      if let reference = credential.connectionReference {
        add(me, credential.name, .connectionReference, reference)
      }
    }
    // Ordered as `(dependent, required)` compare, each name lowercased once (and not
    // copied when it has no capital), by sorting indices and moving the requirements in
    // place; duplicates, which sort next to each other, are dropped last. A set of whole
    // requirements, sorted tuples and copies were most of inspect's peak memory on a
    // solution of 7,000 flows. The dependents are sorted, then each one's few
    // requirements: one sort of all 11,000 requirements of a 10,000-component solution
    // by both names was 108 M instructions.
    let (order, startsKey) = dependents.order(of: result)
    result.permute(by: order)
    var kept = 0
    var run = 0  // where the requirements with the current key start among the kept
    for position in order.indices {
      if startsKey[position] { run = kept }
      if !result[run..<kept].contains(result[position]) {
        result.swapAt(kept, position)
        kept += 1
      }
    }
    result.removeLast(result.count - kept)
    return result
  }

  /// Requirements the solution does not satisfy itself: what must already be in the
  /// target environment, or come from a solution imported before it.
  public var externalRequirements: [Requirement] { requirements.filter { !$0.satisfiedInside } }

  /// MissingDependencies' `solution` attribute for each typed required component.
  private var expectedSolutions: [ComponentReference: (solution: String, displayName: String?)] {
    var result: [ComponentReference: (solution: String, displayName: String?)] = [:]
    for dependency in manifest.missingDependencies {
      guard let reference = dependency.required.reference,
        let solution = dependency.required.solution
      else { continue }
      result[reference] = result[reference] ?? (solution, dependency.required.displayName)
    }
    return result
  }
}

/// The components that have requirements, in the order they were made, each with where
/// its requirements start.
private struct Dependents {
  private var kinds: [ComponentKind] = []
  private var names: [String] = []
  private var starts: [Int] = []

  mutating func begin(_ dependent: ComponentReference, at start: Int) {
    kinds.append(dependent.kind)
    names.append(dependent.name.lowercasedName)
    starts.append(start)
  }

  /// Where each requirement goes, sorted by dependent (kind, then name without case),
  /// then by required component likewise, then as made; and whether each position
  /// starts a run of equal keys.
  func order(of requirements: [Requirement]) -> (order: [Int], startsKey: [Bool]) {
    let byDependent = Self.sorted(kinds, names)
    var order: [Int] = []
    var startsKey: [Bool] = []
    order.reserveCapacity(requirements.count)
    startsKey.reserveCapacity(requirements.count)
    var first = 0
    while first < byDependent.count {
      // One dependent, however many times it was spelt: all its requirements as made.
      let lead = byDependent[first]
      var last = first + 1
      while last < byDependent.count && kinds[byDependent[last]] == kinds[lead]
        && names[byDependent[last]] == names[lead]
      {
        last += 1
      }
      let members = byDependent[first..<last].flatMap {
        span(of: $0, among: requirements.count)
      }
      let requiredKinds = members.map { requirements[$0].required.kind }
      let requiredNames = members.map { requirements[$0].required.name.lowercasedName }
      var previous: Int?
      for member in Self.sorted(requiredKinds, requiredNames) {
        order.append(members[member])
        startsKey.append(
          previous.map {
            requiredKinds[$0] != requiredKinds[member] || requiredNames[$0] != requiredNames[member]
          } ?? true)
        previous = member
      }
      first = last
    }
    return (order, startsKey)
  }

  /// Where the requirements of the `dependent`th dependent lie, of `count` in all: up to
  /// where the next one's start.
  private func span(of dependent: Int, among count: Int) -> Range<Int> {
    starts[dependent]..<(dependent + 1 < starts.count ? starts[dependent + 1] : count)
  }

  /// The indices of `kinds` and `names` (one key per index), by kind, then name, then
  /// index.
  private static func sorted(_ kinds: [ComponentKind], _ names: [String]) -> [Int] {
    kinds.indices.sorted { a, b in
      if kinds[a] != kinds[b] { return kinds[a] < kinds[b] }
      if names[a] != names[b] { return names[a] < names[b] }
      return a < b
    }
  }
}
