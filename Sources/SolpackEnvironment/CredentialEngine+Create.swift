import Foundation
import SolpackArchive
import SolpackModel

extension CredentialEngine {
  /// What `create` made, for the command to report.
  public struct Created: Sendable, Equatable {
    public var credential: CredentialSummary
    /// Env vars made for it, by schema name.
    public var createdVariables: [String]
  }

  /// Creates a credential (and the env vars it asks for) owned by the actor, in the
  /// solution given or the Default solution.
  public func create(_ request: CredentialRequest) throws -> Created {
    try mutate("credential create") { state in
      var plan = try CreationPlan(request: request, engine: self, state: state)
      try plan.validate(state)
      let edits = plan.apply(to: &state)
      let summary = summary(plan.credential, solution: plan.solution, in: state)
      return (
        Created(credential: summary, createdVariables: plan.newVariables.map(\.schemaName)), edits
      )
    }
  }
}

/// One new env var `create` makes.
struct NewVariable {
  var schemaName: String
  var displayName: String
  var type: EnvironmentVariableType
  var value: String
}

/// The checks and writes of one `credential create`.
struct CreationPlan {
  let request: CredentialRequest
  let engine: CredentialEngine
  let solution: String
  let prefix: String
  var credential: Credential
  var newVariables: [NewVariable] = []
  /// Existing env vars the credential points at.
  var existingVariables: [String] = []

  init(request: CredentialRequest, engine: CredentialEngine, state: EnvironmentState) throws {
    self.request = request
    self.engine = engine
    let name = request.name.trimmingCharacters(in: .whitespaces)
    guard !name.isEmpty, name.count <= 100 else {
      throw Self.refusal(
        "credential-name-invalid", "a credential name must have 1 to 100 characters",
        request.name, hint: "Give --name a shorter, non-empty name.")
    }
    if let target = request.solution,
      target.caseInsensitiveCompare(CredentialEngine.defaultSolution) != .orderedSame
    {
      guard let installed = state.solution(target) else {
        throw DiagnosticError(
          .error(
            "solution-not-installed", "\(target) is not in \(engine.store.location)",
            hint:
              "`solpack env list` shows what is installed; leave out --solution to use the Default solution."
          ))
      }
      guard !installed.managed, !installed.provided else {
        throw DiagnosticError(
          .error(
            "solution-managed",
            "\(installed.uniqueName) is \(installed.provided ? "declared with env provide" : "managed"); components cannot be added to it",
            hint: "Add the credential to an unmanaged solution, or leave out --solution."))
      }
      solution = installed.uniqueName
      prefix = try Self.prefix(of: installed.uniqueName, store: engine.store)
    } else {
      solution = CredentialEngine.defaultSolution
      prefix = "new"
    }
    credential = Credential(
      name: name, description: request.description, credentialType: 1,
      usageTypes: request.usages.map(\.code).sorted(), store: request.store,
      path: CredentialCodec.path(for: name),
      element: XMLElement(
        "credential",
        children: [
          .element(XMLElement("iscustomizable", text: "1")),
          .element(XMLElement("statecode", text: "0")),
          .element(XMLElement("statuscode", text: "1")),
        ]))
  }

  static func refusal(_ id: String, _ message: String, _ name: String, hint: String)
    -> DiagnosticError
  {
    DiagnosticError(
      .error(
        id, "credential \"\(name)\": \(message)", component: "credential \"\(name)\"", hint: hint))
  }

  func refusal(_ id: String, _ message: String, hint: String) -> DiagnosticError {
    Self.refusal(id, message, credential.name, hint: hint)
  }

  /// The customization prefix of the solution's publisher, from its stored manifest.
  static func prefix(of solution: String, store: any EnvironmentStore) throws -> String {
    let data = try store.entryData(of: solution, path: "solution.xml")
    let manifest = try ManifestCodec.decode(
      XMLReader.parse(data, entry: "solution.xml"), entry: "solution.xml")
    return manifest.publisher.customizationPrefix
  }
}
