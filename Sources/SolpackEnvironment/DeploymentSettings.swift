import Foundation
import SolpackArchive
import SolpackModel

/// pac's deploymentSettings.json: the values `pac solution import --settings-file` sets
/// for environment variables and the connections it binds to connection references.
public struct DeploymentSettings: Sendable, Equatable {
  public struct EnvironmentVariable: Sendable, Equatable {
    public var schemaName: String
    public var value: String

    public init(schemaName: String, value: String = "") {
      self.schemaName = schemaName
      self.value = value
    }
  }

  public struct ConnectionReference: Sendable, Equatable {
    public var logicalName: String
    /// Empty when not bound yet (what `pac solution create-settings` writes).
    public var connectionID: String
    /// `/providers/Microsoft.PowerApps/apis/shared_office365`.
    public var connectorID: String?

    public init(logicalName: String, connectionID: String = "", connectorID: String? = nil) {
      self.logicalName = logicalName
      self.connectionID = connectionID
      self.connectorID = connectorID
    }
  }

  public var environmentVariables: [EnvironmentVariable]
  public var connectionReferences: [ConnectionReference]

  public init(
    environmentVariables: [EnvironmentVariable] = [],
    connectionReferences: [ConnectionReference] = []
  ) {
    self.environmentVariables = environmentVariables
    self.connectionReferences = connectionReferences
  }

  /// Names of the environment variables and connection references whose value still
  /// holds an ALM Accelerator placeholder such as `#{environmentvariable.x}#`: the
  /// pipeline that should have replaced it did not run.
  public var unresolvedTokens: [String] {
    environmentVariables.filter { Self.holdsToken($0.value) }.map(\.schemaName)
      + connectionReferences.filter { Self.holdsToken($0.connectionID) }.map(\.logicalName)
  }

  static func holdsToken(_ value: String) -> Bool {
    guard let open = value.range(of: "#{") else { return false }
    return value[open.upperBound...].contains("}#")
  }
}

// MARK: - Template

extension DeploymentSettings {
  /// The template `pac solution create-settings` writes for these solutions: every env
  /// var (Value ""), every connection reference (ConnectionId "", ConnectorId), solution
  /// by solution in the order given, sorted by name within each. A name already listed
  /// by an earlier solution is not repeated (Dataverse names ignore case).
  public static func template(for solutions: [Solution]) -> DeploymentSettings {
    var settings = DeploymentSettings()
    var seenVariables: Set<String> = []
    var seenReferences: Set<String> = []
    for solution in solutions {
      let variables = solution.environmentVariables.map(\.schemaName).sorted(by: byName)
      for name in variables where seenVariables.insert(name.lowercasedName).inserted {
        settings.environmentVariables.append(EnvironmentVariable(schemaName: name))
      }
      let references = solution.connectionReferences.sorted {
        byName($0.logicalName, $1.logicalName)
      }
      for reference in references
      where seenReferences.insert(reference.logicalName.lowercasedName).inserted {
        settings.connectionReferences.append(
          ConnectionReference(
            logicalName: reference.logicalName, connectorID: reference.connectorID))
      }
    }
    return settings
  }

  /// Case-insensitive like the rest of solpack, exact text breaking ties so the order
  /// never depends on the input's order.
  private static func byName(_ left: String, _ right: String) -> Bool {
    let (a, b) = (left.lowercasedName, right.lowercasedName)
    return a != b ? a < b : left < right
  }
}

// MARK: - Writing

extension DeploymentSettings {
  /// pac's layout, 2-space indent, keys in pac's order, trailing newline:
  /// `{"EnvironmentVariables":[{"SchemaName","Value"}],"ConnectionReferences":
  /// [{"LogicalName","ConnectionId","ConnectorId"}]}`. A nil ConnectorId is left out.
  public func encoded() -> Data {
    let variables = environmentVariables.map {
      [("SchemaName", $0.schemaName), ("Value", $0.value)]
    }
    let references = connectionReferences.map { reference in
      [("LogicalName", reference.logicalName), ("ConnectionId", reference.connectionID)]
        + (reference.connectorID.map { [("ConnectorId", $0)] } ?? [])
    }
    let text =
      "{\n  \"EnvironmentVariables\": \(Self.array(variables)),\n"
      + "  \"ConnectionReferences\": \(Self.array(references))\n}\n"
    return Data(text.utf8)
  }

  private static func array(_ objects: [[(String, String)]]) -> String {
    if objects.isEmpty { return "[]" }
    let items = objects.map { fields in
      let lines = fields.map {
        "      \(EnvironmentVariableCodec.quoted($0.0)): \(EnvironmentVariableCodec.quoted($0.1))"
      }
      return "    {\n" + lines.joined(separator: ",\n") + "\n    }"
    }
    return "[\n" + items.joined(separator: ",\n") + "\n  ]"
  }
}

// MARK: - Reading

extension DeploymentSettings {
  /// Reads the file; see `decode(_:name:)`. Throws `settings-unreadable` when it cannot
  /// be read.
  public static func load(_ url: URL) throws -> DeploymentSettings {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw DiagnosticError(
        .error(
          "settings-unreadable", "could not read \(url.path)", entry: url.lastPathComponent,
          hint: "Check the path and that you may read it; `solpack create-settings` writes one."))
    }
    return try decode(data, name: url.lastPathComponent)
  }

  /// Unknown keys anywhere are tolerated (real files carry Name, TypeId, Description,
  /// ConnectionOwner, …) and key case is ignored, as .NET readers do. A Value that is not
  /// a string is taken as its JSON text; null or absent is "". Throws `settings-invalid`.
  /// Messages never quote a value: a Value may be a secret.
  public static func decode(_ data: Data, name: String) throws -> DeploymentSettings {
    let root: SettingsJSON
    do {
      root = try JSONDecoder().decode(SettingsJSON.self, from: data)
    } catch {
      // The decoder's own text is left out: it can quote the bytes it stopped at.
      throw invalid(
        "\(name) is not valid JSON", name,
        hint: "Fix the syntax (a trailing comma or a missing quote is common), or write a new "
          + "file with `solpack create-settings`.")
    }
    guard case .object(let top) = root else {
      throw invalid(
        "\(name) is not a JSON object", name,
        hint: "The file must look like {\"EnvironmentVariables\": […], "
          + "\"ConnectionReferences\": […]}.")
    }
    let variables = try entries("EnvironmentVariables", in: top, name).enumerated().map {
      index, entry in
      EnvironmentVariable(
        schemaName: try required("SchemaName", entry, "EnvironmentVariables[\(index)]", name),
        value: entry.field("Value")?.text ?? "")
    }
    let references = try entries("ConnectionReferences", in: top, name).enumerated().map {
      index, entry in
      ConnectionReference(
        logicalName: try required("LogicalName", entry, "ConnectionReferences[\(index)]", name),
        connectionID: entry.field("ConnectionId")?.text ?? "",
        connectorID: entry.field("ConnectorId")?.text)
    }
    return DeploymentSettings(environmentVariables: variables, connectionReferences: references)
  }

  /// The objects of a top-level array; an absent or null array is empty.
  private static func entries(
    _ key: String, in top: [String: SettingsJSON], _ name: String
  ) throws -> [SettingsJSON] {
    let hint = "\(key) must be an array of objects, as `solpack create-settings` writes it."
    switch SettingsJSON.object(top).field(key) {
    case nil, .null?: return []
    case .array(let items)?:
      for (index, item) in items.enumerated() {
        guard case .object = item else {
          throw invalid("\(key)[\(index)] in \(name) is not an object", name, hint: hint)
        }
      }
      return items
    default: throw invalid("\(key) in \(name) is not an array", name, hint: hint)
    }
  }

  private static func required(
    _ key: String, _ entry: SettingsJSON, _ path: String, _ name: String
  ) throws -> String {
    guard case .string(let text)? = entry.field(key), !text.isEmpty else {
      throw invalid(
        "\(path) in \(name) has no \(key)", name,
        hint: "Give every entry its \(key) (a string), as `solpack create-settings` writes it.")
    }
    return text
  }

  private static func invalid(
    _ message: String, _ name: String, hint: String
  ) -> DiagnosticError {
    DiagnosticError(.error("settings-invalid", message, entry: name, hint: hint))
  }
}

/// Any JSON value; numbers keep their digits (as Decimal text) so a Value of `1.50`
/// or a 20-digit id is not bent by a Double.
private indirect enum SettingsJSON: Decodable {
  case string(String), number(String), bool(Bool), null
  case array([SettingsJSON]), object([String: SettingsJSON])

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Decimal.self) {
      self = .number("\(value)")
    } else if let value = try? container.decode([SettingsJSON].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: SettingsJSON].self))
    }
  }

  /// The member named `key`, exact spelling first, then ignoring case.
  func field(_ key: String) -> SettingsJSON? {
    guard case .object(let members) = self else { return nil }
    if let exact = members[key] { return exact }
    let match = members.keys.filter { $0.caseInsensitiveCompare(key) == .orderedSame }.min()
    return match.flatMap { members[$0] }
  }

  /// A string as is, anything else as its JSON text; nil for null.
  var text: String? {
    switch self {
    case .string(let value): value
    case .number(let digits): digits
    case .bool(let value): value ? "true" : "false"
    case .null: nil
    case .array, .object: json
    }
  }

  private var json: String {
    switch self {
    case .string(let value): EnvironmentVariableCodec.quoted(value)
    case .number(let digits): digits
    case .bool(let value): value ? "true" : "false"
    case .null: "null"
    case .array(let items): "[" + items.map(\.json).joined(separator: ",") + "]"
    case .object(let members):
      "{"
        + members.keys.sorted().map {
          EnvironmentVariableCodec.quoted($0) + ":" + members[$0]!.json
        }.joined(separator: ",") + "}"
    }
  }
}
