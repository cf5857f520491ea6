/// `solution.xml`'s `<SolutionManifest>`, typed; `file` keeps the whole document
/// (root attributes, prolog, everything untyped) so it is written back unchanged.
public struct SolutionManifest: Sendable, Hashable {
  public var uniqueName: String
  public var localizedNames: [LocalizedLabel]
  public var descriptions: [LocalizedLabel]
  public var version: SolutionVersion
  public var managed: ManagedState
  public var publisher: Publisher
  public var rootComponents: [RootComponent]
  public var missingDependencies: [MissingDependency]
  /// `SolutionPackageVersion` of the root (`9.1`, `9.2`).
  public var packageVersion: String?
  public var file: XMLFile

  public init(
    uniqueName: String, localizedNames: [LocalizedLabel], descriptions: [LocalizedLabel],
    version: SolutionVersion, managed: ManagedState, publisher: Publisher,
    rootComponents: [RootComponent], missingDependencies: [MissingDependency],
    packageVersion: String?, file: XMLFile
  ) {
    self.uniqueName = uniqueName
    self.localizedNames = localizedNames
    self.descriptions = descriptions
    self.version = version
    self.managed = managed
    self.publisher = publisher
    self.rootComponents = rootComponents
    self.missingDependencies = missingDependencies
    self.packageVersion = packageVersion
    self.file = file
  }

  public var displayName: String { localizedNames.preferred ?? uniqueName }
}

/// `<Managed>`: 0 unmanaged, 1 managed, 2 both (SolutionPackager source of a pair).
public enum ManagedState: Int, Sendable, Hashable, Codable {
  case unmanaged = 0
  case managed = 1
  case both = 2

  public var displayName: String {
    switch self {
    case .unmanaged: "unmanaged"
    case .managed: "managed"
    case .both: "managed and unmanaged (source)"
    }
  }
}
