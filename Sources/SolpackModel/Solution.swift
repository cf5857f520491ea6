/// A solution as solpack understands it: the manifest, the typed components, and a
/// list of every archive entry. Pure data: reading and writing live in SolpackArchive.
public struct Solution: Sendable, Hashable {
  public var manifest: SolutionManifest
  public var workflows: [Workflow]
  public var connectionReferences: [ConnectionReference]
  public var environmentVariables: [EnvironmentVariable]
  public var credentials: [Credential]
  public var customConnectors: [CustomConnector]
  /// Every archive entry, in archive path terms, sorted by path.
  public var parts: [SolutionPart]

  public init(
    manifest: SolutionManifest, workflows: [Workflow] = [],
    connectionReferences: [ConnectionReference] = [],
    environmentVariables: [EnvironmentVariable] = [], credentials: [Credential] = [],
    customConnectors: [CustomConnector] = [], parts: [SolutionPart] = []
  ) {
    self.customConnectors = customConnectors
    self.manifest = manifest
    self.workflows = workflows
    self.connectionReferences = connectionReferences
    self.environmentVariables = environmentVariables
    self.credentials = credentials
    self.parts = parts
  }

  public var uniqueName: String { manifest.uniqueName }
  public var cloudFlows: [Workflow] { workflows.filter { $0.kind == .cloudFlow } }
  public var desktopFlows: [Workflow] { workflows.filter { $0.kind == .desktopFlow } }
}
