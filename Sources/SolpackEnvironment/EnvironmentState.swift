import Foundation
import SolpackModel

/// Everything an environment holds, as plain values: the engine plans and checks
/// against this, then hands the store the rows to write in one transaction.
public struct EnvironmentState: Sendable, Equatable {
  public var solutions: [InstalledSolution] = []
  /// Which solution owns each component; a component in several solutions has one row
  /// per layer (managed layers under the unmanaged one).
  public var components: [ComponentRecord] = []
  /// What each solution needs from outside itself.
  public var requirements: [RequirementRecord] = []
  public var environmentVariables: [EnvironmentVariableRecord] = []
  public var connectionReferences: [ConnectionReferenceRecord] = []
  public var credentials: [CredentialRecord] = []
  public var flows: [FlowRecord] = []
  /// Owners and shares of credentials and env vars.
  public var access: [AccessRecord] = []
  /// Every component's dependencies, per solution.
  public var dependencies: [DependencyRecord] = []
  /// Secret versions recorded by `secret rotated`, oldest first.
  public var rotations: [SecretRotationRecord] = []

  public init() {}

  public func solution(_ name: String) -> InstalledSolution? {
    solutions.first { $0.uniqueName.caseInsensitiveCompare(name) == .orderedSame }
  }

  /// The layers of a component, bottom first; nil when the environment lacks it.
  public func owners(of key: ComponentKey) -> [ComponentRecord] {
    components.filter { $0.key == key }
  }
}

/// A component's identity across solutions: its type as solpack names it
/// (`workflow`, `connection-reference`, …, or the exported type such as `1` or
/// `CustomAPI` for kinds solpack does not type) and its key, without case.
public struct ComponentKey: Sendable, Hashable, Codable, CustomStringConvertible {
  public var type: String
  public var name: String

  public init(type: String, name: String) {
    self.type = type.lowercasedName
    self.name = name.lowercasedName
  }

  public init(_ reference: ComponentReference) {
    self.init(type: reference.kind.rawValue, name: reference.name)
  }

  /// `TYPE:NAME` as `env provide --component` takes it: `1:quote`,
  /// `connectionreference:contoso_X`, `EnvironmentVariableDefinition:contoso_Y`.
  public init?(argument: String) {
    guard let colon = argument.firstIndex(of: ":"), colon != argument.startIndex else {
      return nil
    }
    let type = ComponentType(String(argument[..<colon]))
    let name = String(argument[argument.index(after: colon)...])
    guard !name.isEmpty else { return nil }
    if let kind = type.kind {
      let key =
        kind == .workflow || kind == .customConnector
        ? ComponentReference.normalizedID(name) : name
      self.init(type: kind.rawValue, name: key)
    } else {
      self.init(type: type.description, name: name)
    }
  }

  /// The key of a `<Required>` endpoint of MissingDependencies.
  public init(_ endpoint: DependencyEndpoint) {
    if let reference = endpoint.reference {
      self.init(reference)
    } else {
      self.init(
        type: endpoint.type?.description ?? "?",
        name: endpoint.schemaName ?? endpoint.alternateKeys.first?.value
          ?? endpoint.id.map(ComponentReference.normalizedID) ?? endpoint.name)
    }
  }

  public var description: String {
    if let kind = ComponentKind(rawValue: type) { return "\(kind.displayName) \(name)" }
    return "component \(type):\(name)"
  }
}

public struct InstalledSolution: Sendable, Equatable, Codable {
  public var uniqueName: String
  public var displayName: String
  public var version: String
  public var managed: Bool
  public var publisher: String
  public var installedAt: Date
  /// Declared with `env provide` rather than imported.
  public var provided: Bool

  public init(
    uniqueName: String, displayName: String, version: String, managed: Bool, publisher: String,
    installedAt: Date, provided: Bool = false
  ) {
    self.uniqueName = uniqueName
    self.displayName = displayName
    self.version = version
    self.managed = managed
    self.publisher = publisher
    self.installedAt = installedAt
    self.provided = provided
  }
}

public struct ComponentRecord: Sendable, Equatable, Codable {
  public var key: ComponentKey
  public var solution: String
  public var managed: Bool
  public var displayName: String?

  public init(key: ComponentKey, solution: String, managed: Bool, displayName: String? = nil) {
    self.key = key
    self.solution = solution
    self.managed = managed
    self.displayName = displayName
  }
}

public struct RequirementRecord: Sendable, Equatable, Codable {
  public var solution: String
  public var key: ComponentKey
  public init(solution: String, key: ComponentKey) {
    self.solution = solution
    self.key = key
  }
}

public struct EnvironmentVariableRecord: Sendable, Equatable, Codable {
  public var schemaName: String
  public var solution: String
  public var type: Int?
  public var defaultValue: String?
  /// For Secret variables, a Key Vault reference; never printed.
  public var currentValue: String?
  public var isRequired: Bool

  public init(
    schemaName: String, solution: String, type: Int?, defaultValue: String?,
    currentValue: String?, isRequired: Bool
  ) {
    self.schemaName = schemaName
    self.solution = solution
    self.type = type
    self.defaultValue = defaultValue
    self.currentValue = currentValue
    self.isRequired = isRequired
  }

  public var hasValue: Bool {
    !(currentValue ?? "").isEmpty || !(defaultValue ?? "").isEmpty
  }
}

public struct ConnectionReferenceRecord: Sendable, Equatable, Codable {
  public var logicalName: String
  public var solution: String
  public var connectorID: String?
  /// The connection it is bound to, from deployment settings.
  public var connectionID: String?

  public init(logicalName: String, solution: String, connectorID: String?, connectionID: String?) {
    self.logicalName = logicalName
    self.solution = solution
    self.connectorID = connectorID
    self.connectionID = connectionID
  }

  public var isBound: Bool { !(connectionID ?? "").isEmpty }
}

public struct CredentialRecord: Sendable, Equatable, Codable {
  public var name: String
  public var solution: String
  public var store: String?
  public var connectionType: Int?
  public var usageTypes: [Int]
  public var usernameVariable: String?
  public var passwordVariable: String?
  public var certificateVariable: String?

  public init(
    name: String, solution: String, store: String?, connectionType: Int?, usageTypes: [Int],
    usernameVariable: String?, passwordVariable: String?, certificateVariable: String?
  ) {
    self.name = name
    self.solution = solution
    self.store = store
    self.connectionType = connectionType
    self.usageTypes = usageTypes
    self.usernameVariable = usernameVariable
    self.passwordVariable = passwordVariable
    self.certificateVariable = certificateVariable
  }
}

public struct FlowRecord: Sendable, Equatable, Codable {
  public var id: String
  public var solution: String
  public var name: String
  public var kind: String
  public var isOn: Bool
  /// Why the flow is off; empty when on.
  public var reasons: [String]

  public init(
    id: String, solution: String, name: String, kind: String, isOn: Bool, reasons: [String]
  ) {
    self.id = id
    self.solution = solution
    self.name = name
    self.kind = kind
    self.isOn = isOn
    self.reasons = reasons
  }
}
