/// An environment variable definition with its current value, from
/// `environmentvariabledefinitions/<schema>/` (9.2) or the legacy inline
/// `<EnvironmentVariables>` section of customizations.xml (9.1).
public struct EnvironmentVariable: Sendable, Hashable {
  public enum Form: String, Sendable, Hashable, Codable {
    /// `environmentvariabledefinitions/<schema>/environmentvariabledefinition.xml`.
    case folder
    /// `<EnvironmentVariables><Definition>` in customizations.xml.
    case inline
  }

  public var schemaName: String
  public var displayName: [LocalizedLabel]
  public var description: [LocalizedLabel]
  public var type: EnvironmentVariableType?
  public var defaultValue: String?
  /// 0 Azure Key Vault, 1 Dataverse.
  public var secretStore: Int?
  public var isRequired: Bool?
  public var apiID: String?
  public var parameterKey: String?
  public var introducedVersion: String?
  public var value: EnvironmentVariableValue?
  /// The archive entry `value` came from (`…/environmentvariablevalues.json`).
  public var valuesPath: String?
  public var form: Form
  /// The definition element as found (`environmentvariabledefinition` or `Definition`).
  public var element: XMLElement

  public init(
    schemaName: String, displayName: [LocalizedLabel] = [], description: [LocalizedLabel] = [],
    type: EnvironmentVariableType? = nil, defaultValue: String? = nil, secretStore: Int? = nil,
    isRequired: Bool? = nil, apiID: String? = nil, parameterKey: String? = nil,
    introducedVersion: String? = nil, value: EnvironmentVariableValue? = nil, form: Form = .folder,
    element: XMLElement
  ) {
    self.schemaName = schemaName
    self.displayName = displayName
    self.description = description
    self.type = type
    self.defaultValue = defaultValue
    self.secretStore = secretStore
    self.isRequired = isRequired
    self.apiID = apiID
    self.parameterKey = parameterKey
    self.introducedVersion = introducedVersion
    self.value = value
    self.form = form
    self.element = element
  }

  public var isSecret: Bool { type == .secret }
}

public enum EnvironmentVariableType: Int, Sendable, Hashable, Codable, CaseIterable {
  case string = 100_000_000
  case number = 100_000_001
  case boolean = 100_000_002
  case json = 100_000_003
  case dataSource = 100_000_004
  case secret = 100_000_005

  public var displayName: String {
    switch self {
    case .string: "String"
    case .number: "Number"
    case .boolean: "Boolean"
    case .json: "JSON"
    case .dataSource: "Data source"
    case .secret: "Secret"
    }
  }
}

/// The current value shipped with the solution (`environmentvariablevalues.json`).
/// For Secret variables it is a Key Vault reference; solpack never prints it.
public struct EnvironmentVariableValue: Sendable, Hashable {
  public var id: String?
  public var value: String?
  public var isCustomizable: String?

  public init(id: String? = nil, value: String? = nil, isCustomizable: String? = nil) {
    self.id = id
    self.value = value
    self.isCustomizable = isCustomizable
  }
}
