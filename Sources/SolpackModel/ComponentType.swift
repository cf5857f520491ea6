/// A solution component type as exported: a number for classic components
/// (`29` workflow, `380` env var definition) or a logical name for table-based ones
/// (`connectionreference`, `EnvironmentVariableDefinition`), whose numeric code
/// differs per environment (format.md §2.5).
public enum ComponentType: Sendable, Hashable, CustomStringConvertible {
  case code(Int)
  case logicalName(String)

  public init(_ text: String) {
    if let value = Int(text) {
      self = .code(value)
    } else {
      self = .logicalName(text)
    }
  }

  public var description: String {
    switch self {
    case .code(let value): String(value)
    case .logicalName(let name): name
    }
  }

  /// The solution-component kind solpack models, when it is one.
  public var kind: ComponentKind? {
    switch self {
    case .code(29): .workflow
    case .code(380): .environmentVariable
    case .code(371), .code(372): .customConnector
    case .logicalName(let name):
      switch name.lowercased() {
      case "connectionreference": .connectionReference
      case "environmentvariabledefinition": .environmentVariable
      case "credential": .credential
      case "workflow": .workflow
      case "connector": .customConnector
      default: nil
      }
    default: nil
    }
  }

  /// A readable name: `29 (Workflow)`.
  public var label: String {
    switch self {
    case .code(let value):
      if let name = ComponentType.knownCodes[value] { return "\(value) (\(name))" }
      return String(value)
    case .logicalName(let name): return name
    }
  }

  /// A name for people: `Entity` for 1, the logical name as written otherwise.
  public var displayName: String {
    switch self {
    case .code(let value): ComponentType.knownCodes[value] ?? "component type \(value)"
    case .logicalName(let name): name
    }
  }

  /// From the `ComponentType` option set (powerapps-docs solutioncomponent.md).
  static let knownCodes: [Int: String] = [
    1: "Entity", 2: "Attribute", 3: "Relationship", 9: "Option Set", 10: "Entity Relationship",
    20: "Role", 24: "Form", 26: "View", 29: "Workflow", 31: "Report", 36: "Email Template",
    59: "Chart", 60: "System Form", 61: "Web Resource", 62: "Site Map", 63: "Connection Role",
    66: "Custom Control", 70: "Field Security Profile", 80: "Model-driven App",
    90: "Plugin Type", 91: "Plugin Assembly", 92: "SDK Message Processing Step",
    95: "Service Endpoint", 300: "Canvas App", 371: "Connector", 372: "Connector",
    380: "Environment Variable Definition", 381: "Environment Variable Value",
    401: "AI Model", 431: "Attribute Image Configuration", 432: "Entity Image Configuration",
  ]
}

/// The kinds of component solpack types and follows dependencies between.
public enum ComponentKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  case environmentVariable = "environment-variable"
  case credential
  case customConnector = "custom-connector"
  case connectionReference = "connection-reference"
  case workflow

  public static func < (lhs: ComponentKind, rhs: ComponentKind) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }

  public var displayName: String {
    switch self {
    case .environmentVariable: "environment variable"
    case .credential: "credential"
    case .customConnector: "custom connector"
    case .connectionReference: "connection reference"
    case .workflow: "flow"
    }
  }
}
