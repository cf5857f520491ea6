import Foundation
import SolpackModel

extension CreationPlan {
  /// The maker portal's rules, each refused with its own id and a way forward.
  mutating func validate(_ state: EnvironmentState) throws {
    let request = self.request
    if state.credentials.contains(where: {
      $0.name.lowercasedName == credential.name.lowercasedName
    }) {
      throw refusal(
        "credential-name-taken", "a credential with this name already exists",
        hint: "Choose another --name; names are unique in an environment, without case.")
    }
    let folder = Credential.folderName(for: credential.name)
    if let clash = state.credentials.first(where: {
      $0.solution.lowercasedName == solution.lowercasedName
        && Credential.folderName(for: $0.name) == folder
    }) {
      throw refusal(
        "credential-folder-taken",
        "its file would be credentials/\(folder)/, which credential \"\(clash.name)\" already uses",
        hint: "Choose a name that differs from \"\(clash.name)\" in letters or digits.")
    }
    guard !request.usages.isEmpty else {
      throw refusal(
        "credential-usage-missing", "no usage given",
        hint: "Pass --usage connection, desktop-flow or network.")
    }
    if request.authentication == .certificate {
      if request.store == .cyberArk {
        throw refusal(
          "credential-auth-not-allowed", "a CyberArk credential takes a username and password",
          hint: "Use --auth password with --store cyberark.")
      }
      if request.usages.contains(where: { $0 != .connection }) {
        throw refusal(
          "credential-auth-not-allowed",
          "certificate authentication is only for Connection usage; Desktop flow and Network take a username and password",
          hint: "Use --auth password, or --usage connection alone.")
      }
    }
    switch request.store {
    case .azureKeyVault:
      if request.cyberArk != nil {
        throw refusal(
          "credential-options-conflict",
          "CyberArk fields were given for an Azure Key Vault credential",
          hint: "Pass --store cyberark, or leave out the CyberArk options.")
      }
      guard let secret = request.secret else {
        throw refusal(
          "credential-secret-missing",
          "an Azure Key Vault credential needs a Secret env var for its \(request.authentication.rawValue)",
          hint:
            "Pass --secret-var SCHEMA for an existing Secret env var, or --subscription, --resource-group, --vault and --secret to make one."
        )
      }
      try resolveSecret(secret, state)
    case .cyberArk:
      if request.secret != nil {
        throw refusal(
          "credential-options-conflict",
          "a CyberArk credential takes its password from CyberArk, not from a Key Vault secret",
          hint: "Leave out --secret-var and the Key Vault options, or pass --store azure-key-vault."
        )
      }
      try resolveCyberArk(state)
    }
    guard let username = request.username else {
      throw refusal(
        "credential-username-missing", "no username env var given",
        hint:
          "Pass --username-var SCHEMA (an existing String env var), or --new-username-var \"Display name\" --value 'DOMAIN\\user'."
      )
    }
    try resolveUsername(username, state)
  }

  private mutating func resolveUsername(
    _ username: CredentialRequest.Username, _ state: EnvironmentState
  )
    throws
  {
    switch username {
    case .existing(let schema):
      let variable = try existing(schema, state)
      guard variable.type == EnvironmentVariableType.string.rawValue else {
        throw refusal(
          "credential-variable-type",
          "the username env var \(variable.schemaName) is \(Self.typeName(variable.type)), not String",
          hint: "Point --username-var at a String env var, or make one with --new-username-var.")
      }
      let value = variable.currentValue ?? variable.defaultValue ?? ""
      if let problem = UsernameRule.problem(value) {
        throw refusal(
          "credential-username-invalid", "the value of \(variable.schemaName) \(problem)",
          hint: UsernameRule.hint)
      }
      credential.usernameVariable = variable.schemaName
      existingVariables.append(variable.schemaName)
    case .new(let displayName, let value, let schemaName):
      if let problem = UsernameRule.problem(value) {
        throw refusal("credential-username-invalid", "--value \(problem)", hint: UsernameRule.hint)
      }
      let name = try newSchemaName(
        schemaName, displayName: displayName, option: "--username-var-name", state)
      newVariables.append(
        NewVariable(schemaName: name, displayName: displayName, type: .string, value: value))
      credential.usernameVariable = name
    }
  }

  private mutating func resolveSecret(_ secret: CredentialRequest.Secret, _ state: EnvironmentState)
    throws
  {
    let isCertificate = request.authentication == .certificate
    let schema: String
    switch secret {
    case .existing(let name):
      let variable = try existing(name, state)
      guard variable.type == EnvironmentVariableType.secret.rawValue else {
        throw refusal(
          "credential-variable-type",
          "the \(request.authentication.rawValue) env var \(variable.schemaName) is \(Self.typeName(variable.type)), not Secret",
          hint: "Point --secret-var at a Secret env var whose value is a Key Vault reference.")
      }
      guard KeyVaultReference(variable.currentValue ?? variable.defaultValue ?? "") != nil else {
        throw refusal(
          "credential-secret-not-reference",
          "the value of \(variable.schemaName) is not an Azure Key Vault reference",
          hint:
            "Set it to /subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{vault}/secrets/{name}."
        )
      }
      schema = variable.schemaName
      existingVariables.append(schema)
    case .new(let subscription, let group, let vault, let secret, let displayName, let schemaName):
      guard
        let reference = KeyVaultReference.make(
          subscription: subscription, resourceGroup: group, vault: vault, secret: secret)
      else {
        throw refusal(
          "secret-reference-invalid",
          "--subscription, --resource-group, --vault and --secret must each be given, without spaces or slashes",
          hint: "Copy them from the Key Vault secret's resource id in the Azure portal.")
      }
      let display =
        displayName ?? "\(credential.name) \(isCertificate ? "certificate" : "password")"
      schema = try newSchemaName(
        schemaName, displayName: display, option: "--secret-var-name", state)
      newVariables.append(
        NewVariable(schemaName: schema, displayName: display, type: .secret, value: reference.value)
      )
    }
    if isCertificate {
      credential.certificateVariable = schema
      credential.connectionType = 5
    } else {
      credential.passwordVariable = schema
      credential.connectionType = 1
    }
  }

  private mutating func resolveCyberArk(_ state: EnvironmentState) throws {
    guard let fields = request.cyberArk,
      ![fields.serverAddress, fields.applicationID, fields.safe, fields.folder, fields.objectName]
        .contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty })
    else {
      throw refusal(
        "credential-cyberark-incomplete",
        "a CyberArk credential needs the server address, application id, safe, folder and object name",
        hint:
          "Pass --server-address, --application-id, --safe, --folder and --object-name, as the CyberArk CCP administrator gave them."
      )
    }
    credential.connectionType = 4
    // Dataverse's credential table looks the safe and the object up as env vars
    // (docs/credential-format.md): make String env vars that hold them.
    let safe = try newSchemaName(
      nil, displayName: "\(credential.name) CyberArk safe", option: nil, state)
    let object = try newSchemaName(
      nil, displayName: "\(credential.name) CyberArk object", option: nil, state)
    newVariables += [
      NewVariable(
        schemaName: safe, displayName: "\(credential.name) CyberArk safe", type: .string,
        value: fields.safe),
      NewVariable(
        schemaName: object, displayName: "\(credential.name) CyberArk object", type: .string,
        value: fields.objectName),
    ]
    credential.cyberArkVariables = [safe, object]
    credential.element.children += [
      ("cyberarkapplicationid", fields.applicationID), ("cyberarkfolder", fields.folder),
      ("cyberarkobject", object), ("cyberarksafe", safe),
      ("cyberarkserveraddress", fields.serverAddress),
    ].map { .element(XMLElement($0.0, text: $0.1)) }
  }

  private func existing(_ schema: String, _ state: EnvironmentState) throws
    -> EnvironmentVariableRecord
  {
    guard
      let variable = state.environmentVariables.first(where: {
        $0.schemaName.lowercasedName == schema.lowercasedName
      })
    else {
      throw refusal(
        "environment-variable-not-found", "\(engine.store.location) has no env var \(schema)",
        hint: "Import the solution that defines it first, or let create make a new one.")
    }
    return variable
  }

  /// `prefix_DisplayNameWithoutSpaces`, or the name given; it must be new.
  private func newSchemaName(
    _ given: String?, displayName: String, option: String?, _ state: EnvironmentState
  ) throws -> String {
    let cleaned = displayName.unicodeScalars.filter {
      $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
    }
    let name = given ?? "\(prefix)_\(String(String.UnicodeScalarView(cleaned)))"
    let valid =
      name.hasPrefix(prefix + "_") && name.count > prefix.count + 1 && name.count <= 100
      && name.unicodeScalars.allSatisfy {
        $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_")
      }
    guard valid else {
      throw refusal(
        "environment-variable-name-invalid",
        "\(name) is not a schema name for publisher prefix \(prefix)",
        hint: "Use letters, digits and _ after \(prefix)_\(option.map { " (\($0))" } ?? "").")
    }
    let taken =
      state.environmentVariables.contains { $0.schemaName.lowercasedName == name.lowercasedName }
      || newVariables.contains { $0.schemaName.lowercasedName == name.lowercasedName }
    if taken {
      throw refusal(
        "environment-variable-exists", "an env var named \(name) already exists",
        hint: option.map { "Choose another schema name with \($0), or use the existing one." }
          ?? "Choose another credential name.")
    }
    return name
  }

  static func typeName(_ code: Int?) -> String {
    code.flatMap(EnvironmentVariableType.init).map { "\($0.displayName)" } ?? "of unknown type"
  }
}

/// A Windows account as a credential's username: a local user, `DOMAIN\user` or
/// `user@domain`.
enum UsernameRule {
  static let hint =
    "Give a local user name, DOMAIN\\user or user@domain (one backslash or one @, no spaces)."

  /// What is wrong, without repeating the value.
  static func problem(_ value: String) -> String? {
    if value.isEmpty { return "is empty" }
    if value.contains(where: { $0.isWhitespace }) { return "holds spaces" }
    let backslashes = value.filter { $0 == "\\" }.count
    let ats = value.filter { $0 == "@" }.count
    switch (backslashes, ats) {
    case (0, 0):
      return value.contains("/") ? "is not a user name" : nil
    case (1, 0):
      let parts = value.split(separator: "\\", omittingEmptySubsequences: false)
      return parts.allSatisfy { !$0.isEmpty } ? nil : "is not DOMAIN\\user"
    case (0, 1):
      let parts = value.split(separator: "@", omittingEmptySubsequences: false)
      return parts.allSatisfy { !$0.isEmpty } ? nil : "is not user@domain"
    default:
      return "is not a local user, DOMAIN\\user or user@domain"
    }
  }
}
