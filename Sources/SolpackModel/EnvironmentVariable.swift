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

  public var schemaName: String {
    get { box.fields.schemaName }
    _modify {
      makeUnique()
      yield &box.fields.schemaName
    }
  }
  public var displayName: [LocalizedLabel] {
    get { box.fields.displayName }
    _modify {
      makeUnique()
      yield &box.fields.displayName
    }
  }
  public var description: [LocalizedLabel] {
    get { box.fields.description }
    _modify {
      makeUnique()
      yield &box.fields.description
    }
  }
  public var type: EnvironmentVariableType? {
    get { box.fields.type }
    _modify {
      makeUnique()
      yield &box.fields.type
    }
  }
  public var defaultValue: String? {
    get { box.fields.defaultValue }
    _modify {
      makeUnique()
      yield &box.fields.defaultValue
    }
  }
  /// 0 Azure Key Vault, 1 Dataverse.
  public var secretStore: Int? {
    get { box.fields.secretStore }
    _modify {
      makeUnique()
      yield &box.fields.secretStore
    }
  }
  public var isRequired: Bool? {
    get { box.fields.isRequired }
    _modify {
      makeUnique()
      yield &box.fields.isRequired
    }
  }
  public var apiID: String? {
    get { box.fields.apiID }
    _modify {
      makeUnique()
      yield &box.fields.apiID
    }
  }
  public var parameterKey: String? {
    get { box.fields.parameterKey }
    _modify {
      makeUnique()
      yield &box.fields.parameterKey
    }
  }
  public var introducedVersion: String? {
    get { box.fields.introducedVersion }
    _modify {
      makeUnique()
      yield &box.fields.introducedVersion
    }
  }
  public var value: EnvironmentVariableValue? {
    get { box.fields.value }
    _modify {
      makeUnique()
      yield &box.fields.value
    }
  }
  /// The archive entry `value` came from (`…/environmentvariablevalues.json`).
  public var valuesPath: String? {
    get { box.fields.valuesPath }
    _modify {
      makeUnique()
      yield &box.fields.valuesPath
    }
  }
  public var form: Form {
    get { box.fields.form }
    _modify {
      makeUnique()
      yield &box.fields.form
    }
  }
  /// The definition element as found (`environmentvariabledefinition` or `Definition`).
  public var element: XMLElement {
    get { box.fields.element }
    _modify {
      makeUnique()
      yield &box.fields.element
    }
  }

  public init(
    schemaName: String, displayName: [LocalizedLabel] = [], description: [LocalizedLabel] = [],
    type: EnvironmentVariableType? = nil, defaultValue: String? = nil, secretStore: Int? = nil,
    isRequired: Bool? = nil, apiID: String? = nil, parameterKey: String? = nil,
    introducedVersion: String? = nil, value: EnvironmentVariableValue? = nil, form: Form = .folder,
    element: XMLElement
  ) {
    box = Box(
      Fields(
        schemaName: schemaName, displayName: displayName, description: description, type: type,
        defaultValue: defaultValue, secretStore: secretStore, isRequired: isRequired, apiID: apiID,
        parameterKey: parameterKey, introducedVersion: introducedVersion, value: value,
        valuesPath: nil, form: form, element: element))
  }

  public var isSecret: Bool { type == .secret }

  public static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
  }

  public func hash(into hasher: inout Hasher) {
    box.fields.hash(into: &hasher)
  }

  /// The fields behind one reference: an import passes its thousands of variables through
  /// arrays, sorts, results and records, and copying fourteen fields meant about a dozen
  /// atomic retains and releases each time (5 % of the main thread's samples under `perf`).
  /// A copy now retains the box; the first change to a shared box copies it (copy on write).
  private var box: Box

  /// Called before a change, so that a change never shows through another copy; a
  /// field is then changed in place (`_modify`), not read out, changed and written back.
  private mutating func makeUnique() {
    if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
  }

  private struct Fields: Hashable, Sendable {
    var schemaName: String
    var displayName: [LocalizedLabel]
    var description: [LocalizedLabel]
    var type: EnvironmentVariableType?
    var defaultValue: String?
    var secretStore: Int?
    var isRequired: Bool?
    var apiID: String?
    var parameterKey: String?
    var introducedVersion: String?
    var value: EnvironmentVariableValue?
    var valuesPath: String?
    var form: Form
    var element: XMLElement
  }

  // Mutated only after `makeUnique`, when this value holds the only reference.
  private final class Box: @unchecked Sendable {
    var fields: Fields
    init(_ fields: Fields) { self.fields = fields }
  }
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
