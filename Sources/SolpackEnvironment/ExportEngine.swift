import Foundation
import SolpackArchive
import SolpackModel

/// Writes an installed solution back to an archive with the codec: its entries as
/// imported, the environment's current env var values (Secrets only ever as Key
/// Vault references) or none, and MissingDependencies naming what its components
/// need from other solutions.
public enum ExportEngine {
  public struct Options: Sendable {
    /// Force a managed export; nil keeps the installed kind.
    public var managed: Bool?
    public var includeValues: Bool
    /// Told after each entry is written.
    public var progress: ProgressHandler?
    public init(managed: Bool? = nil, includeValues: Bool = true, progress: ProgressHandler? = nil)
    {
      self.managed = managed
      self.includeValues = includeValues
      self.progress = progress
    }
  }

  /// Holds the environment's operation lock throughout: the state, the entry list
  /// and the entries are read in several steps, and an import committing between
  /// them would mix two versions. As in Dataverse, an export waits for an import.
  public static func export(
    _ uniqueName: String, from store: any EnvironmentStore, to archive: URL, options: Options
  ) throws -> Packer.Result {
    try store.exclusively("export") {
      try exportHoldingLock(uniqueName, from: store, to: archive, options: options)
    }
  }

  private static func exportHoldingLock(
    _ uniqueName: String, from store: any EnvironmentStore, to archive: URL, options: Options
  ) throws -> Packer.Result {
    let state = try store.load()
    guard let installed = state.solution(uniqueName) else {
      throw DiagnosticError(
        .error(
          "solution-not-installed", "\(uniqueName) is not in \(store.location)",
          hint: "`solpack env list` shows what is installed."))
    }
    if installed.uniqueName == CredentialEngine.defaultSolution {
      throw DiagnosticError(
        .error(
          "solution-not-exportable",
          "Default holds what was made in the environment outside any solution; it is not exported",
          hint: "Create credentials with --solution NAME to ship them in that solution."))
    }
    let stored = try store.entryList(of: installed.uniqueName)
    guard !installed.provided, !stored.isEmpty else {
      throw DiagnosticError(
        .error(
          "solution-not-exportable",
          "\(installed.uniqueName) was declared with `env provide`; solpack has no archive of it",
          hint: "Export it from the environment that has it."))
    }
    let source = StoredSolutionSource(
      store: store, solution: installed.uniqueName, location: archive, stored: stored)
    let solution = try SolutionReader.read(source, scanFlows: true).solution
    var manifest = solution.manifest
    addMissingDependencies(&manifest, solution, state)
    var replaced = ["solution.xml": XMLWriter.data(ManifestCodec.encode(manifest))]
    var removed = Set<String>()
    for variable in solution.environmentVariables where variable.form == .folder {
      let path =
        "\(EnvironmentVariableCodec.folder)\(variable.schemaName)/\(EnvironmentVariableCodec.valuesFile)"
      let record = state.environmentVariables.first {
        $0.schemaName.lowercasedName == variable.schemaName.lowercasedName
      }
      guard options.includeValues, let value = record?.currentValue, !value.isEmpty else {
        removed.insert(path)
        continue
      }
      if variable.value?.value != value {
        replaced[path] = EnvironmentVariableCodec.valuesData(id: variable.value?.id, value: value)
      }
    }
    let output = StoredSolutionSource(
      store: store, solution: installed.uniqueName, location: archive, stored: stored,
      replaced: replaced, removed: removed)
    let managed: ManagedState = (options.managed ?? installed.managed) ? .managed : .unmanaged
    var zip = ZipWriter.Options.fromEnvironment()
    zip.progress = options.progress
    return try Packer.pack(output, to: archive, options: Packer.Options(managed: managed, zip: zip))
  }

  /// Adds a `<MissingDependency>` for each component the solution needs from another
  /// installed solution that its manifest does not list yet.
  static func addMissingDependencies(
    _ manifest: inout SolutionManifest, _ solution: Solution, _ state: EnvironmentState
  ) {
    var listed = Set(manifest.missingDependencies.map { ComponentKey($0.required) })
    var added: [XMLElement] = []
    for requirement in solution.externalRequirements {
      let key = ComponentKey(requirement.required)
      guard !listed.contains(key), let owner = state.owners(of: key).last,
        let provider = state.solution(owner.solution)
      else { continue }
      listed.insert(key)
      let (type, column) = requiredType(requirement.required.kind)
      var required = XMLElement(
        "Required",
        attributes: [
          XMLAttribute("type", type),
          XMLAttribute("displayName", owner.displayName ?? requirement.required.name),
          XMLAttribute("solution", "\(provider.uniqueName) (\(provider.version))"),
        ])
      if let column {
        required.attributes.append(XMLAttribute(column, requirement.required.name))
      } else {
        required.attributes.append(XMLAttribute("id", "{\(requirement.required.name)}"))
      }
      let dependentType =
        requirement.dependent.kind == .workflow ? "29" : requiredType(requirement.dependent.kind).0
      var dependent = XMLElement(
        "Dependent",
        attributes: [
          XMLAttribute("type", dependentType),
          XMLAttribute("displayName", requirement.dependentName),
        ])
      if requirement.dependent.kind == .workflow {
        dependent.attributes.append(XMLAttribute("id", "{\(requirement.dependent.name)}"))
      }
      added.append(
        XMLElement("MissingDependency", children: [.element(required), .element(dependent)]))
    }
    guard !added.isEmpty,
      let index = manifest.file.root.children.firstIndex(where: {
        $0.element?.name == "SolutionManifest"
      }),
      var element = manifest.file.root.children[index].element
    else { return }
    var section = element.element(named: "MissingDependencies") ?? XMLElement("MissingDependencies")
    section.children += added.map(XMLNode.element)
    section.writesEmptyAsPair = false
    element.replaceElement(named: "MissingDependencies", with: section)
    manifest.file.root.children[index] = .element(element)
  }

  /// The exported type of a required component, and its alternate-key column.
  static func requiredType(_ kind: ComponentKind) -> (String, String?) {
    switch kind {
    case .connectionReference: ("connectionreference", "id.connectionreferencelogicalname")
    case .environmentVariable: ("EnvironmentVariableDefinition", "id.schemaname")
    case .credential: ("credential", "id.name")
    case .customConnector: ("372", nil)
    case .workflow: ("29", nil)
    }
  }
}
