/// A `<Workflow>` from customizations.xml: cloud flows (Category 5), desktop flows
/// (Category 6) and, kept whole, every other category. `element` holds the full
/// metadata as exported; `definitionPath` names the JSON (or XAML) entry.
public struct Workflow: Sendable, Hashable {
  /// Lower-case GUID without braces.
  public var id: String
  public var name: String
  public var category: Int?
  /// `Workflows/X-GUID.json` (archive path, no leading slash), or nil.
  public var definitionPath: String?
  public var stateCode: Int?
  public var statusCode: Int?
  /// What the flow's JSON and metadata point at (filled for categories 5 and 6).
  public var references: FlowReferences
  public var element: XMLElement

  public init(
    id: String, name: String, category: Int?, definitionPath: String?, stateCode: Int? = nil,
    statusCode: Int? = nil, references: FlowReferences = FlowReferences(), element: XMLElement
  ) {
    self.id = id
    self.name = name
    self.category = category
    self.definitionPath = definitionPath
    self.stateCode = stateCode
    self.statusCode = statusCode
    self.references = references
    self.element = element
  }

  public var kind: FlowKind { FlowKind(category: category) }
  public var isOn: Bool { stateCode == 1 }
}

public enum FlowKind: String, Sendable, Hashable, Codable {
  case cloudFlow = "cloud-flow"
  case desktopFlow = "desktop-flow"
  case businessRule = "business-rule"
  case businessProcessFlow = "business-process-flow"
  case classicWorkflow = "classic-workflow"
  case action
  case other

  public init(category: Int?) {
    switch category {
    case 5: self = .cloudFlow
    case 6: self = .desktopFlow
    case 2: self = .businessRule
    case 4: self = .businessProcessFlow
    case 0: self = .classicWorkflow
    case 3: self = .action
    default: self = .other
    }
  }

  public var displayName: String {
    switch self {
    case .cloudFlow: "cloud flow"
    case .desktopFlow: "desktop flow"
    case .businessRule: "business rule"
    case .businessProcessFlow: "business process flow"
    case .classicWorkflow: "classic workflow"
    case .action: "action"
    case .other: "workflow"
    }
  }
}

/// Components a flow uses, read from its JSON (format.md §3.4) and metadata.
public struct FlowReferences: Sendable, Hashable, Codable {
  /// `properties.connectionReferences.*.connection.connectionReferenceLogicalName`.
  public var connectionReferences: [String] = []
  /// `properties.definition.parameters.*.metadata.schemaName`.
  public var environmentVariables: [String] = []
  /// Child cloud flows (`workflowReferenceName`) and desktop flows run (`uiFlowId`), as ids.
  public var childFlows: [String] = []
  /// Credential names (solpack's convention, docs/credential-format.md).
  public var credentials: [String] = []

  public init(
    connectionReferences: [String] = [], environmentVariables: [String] = [],
    childFlows: [String] = [], credentials: [String] = []
  ) {
    self.connectionReferences = connectionReferences
    self.environmentVariables = environmentVariables
    self.childFlows = childFlows
    self.credentials = credentials
  }

  public var isEmpty: Bool {
    connectionReferences.isEmpty && environmentVariables.isEmpty && childFlows.isEmpty
      && credentials.isEmpty
  }
}
