import Foundation
import SolpackModel

/// `where-used`: the credentials, connection references and flows that use an env var,
/// directly or through a credential — Dataverse's "Show dependencies" view.
public struct WhereUsedReport: Sendable, Equatable, Codable {
  public struct Use: Sendable, Equatable, Codable {
    /// `credential`, `connection-reference`, `flow`, or another component type.
    public var kind: String
    public var name: String
    public var solution: String
    /// The credential it uses the env var through, when not directly.
    public var via: String?
  }

  public var variable: String
  public var type: String
  public var solution: String
  public var uses: [Use]
  /// Credentials using it that are not shared with the caller, left out above.
  public var hiddenCredentials: Int

  public static func build(_ schemaName: String, actor: String, state: EnvironmentState) throws
    -> WhereUsedReport
  {
    guard
      let variable = state.environmentVariables.first(where: {
        $0.schemaName.lowercasedName == schemaName.lowercasedName
      })
    else {
      throw DiagnosticError(
        .error(
          "environment-variable-not-found", "the environment has no env var \(schemaName)",
          component: "environment variable \(schemaName)",
          hint: "Check the schema name; `solpack env show <solution>` lists a solution's env vars.")
      )
    }
    let key = CredentialAccess.key(variable: variable.schemaName)
    var uses: [Use] = []
    var hidden = 0
    func kind(_ key: ComponentKey) -> String {
      key.type == ComponentKind.workflow.rawValue ? "flow" : key.type
    }
    func flowName(_ record: DependencyRecord) -> String {
      record.dependent.type == ComponentKind.workflow.rawValue
        ? state.flows.first { $0.id.lowercasedName == record.dependent.name }?.name
          ?? record.dependentName
        : record.dependentName
    }
    for direct in state.dependencies where direct.required == key {
      guard direct.dependent.type == ComponentKind.credential.rawValue else {
        uses.append(
          Use(kind: kind(direct.dependent), name: flowName(direct), solution: direct.solution))
        continue
      }
      guard CredentialAccess.role(of: actor, on: direct.dependent, in: state) != nil else {
        hidden += 1
        continue
      }
      let credential = direct.dependentName
      uses.append(Use(kind: "credential", name: credential, solution: direct.solution))
      for record in state.dependencies where record.dependent == direct.dependent {
        guard record.required.type == ComponentKind.connectionReference.rawValue else { continue }
        let reference = state.connectionReferences.first {
          $0.logicalName.lowercasedName == record.required.name
        }
        uses.append(
          Use(
            kind: "connection-reference", name: reference?.logicalName ?? record.required.name,
            solution: reference?.solution ?? record.solution, via: credential))
      }
      for record in state.dependencies where record.required == direct.dependent {
        uses.append(
          Use(
            kind: kind(record.dependent), name: flowName(record), solution: record.solution,
            via: credential))
      }
    }
    let order = ["credential": 0, "connection-reference": 1, "flow": 2]
    uses.sort {
      (order[$0.kind] ?? 3, $0.name.lowercasedName, $0.solution) < (
        order[$1.kind] ?? 3, $1.name.lowercasedName, $1.solution
      )
    }
    return WhereUsedReport(
      variable: variable.schemaName, type: CreationPlan.typeName(variable.type),
      solution: variable.solution, uses: uses, hiddenCredentials: hidden)
  }
}
