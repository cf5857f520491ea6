import Foundation
import SolpackModel

/// Reads the model from a solution's entries. Only the manifest, customizations,
/// env var and credential files and flow JSON are parsed; other parts are listed
/// by path and size and never loaded.
public enum SolutionReader {
  public struct Result: Sendable {
    public var solution: Solution
    public var diagnostics: [Diagnostic]
    /// customizations.xml as parsed, for callers that compare the untyped sections.
    public var customizations: XMLFile
  }

  /// How much of each workflow's metadata the model keeps.
  public enum Metadata: Sendable {
    /// Every element, as exported: unpack writes it out, diff compares it.
    case whole
    /// What the model and the reference scan read (`CustomizationsCodec.essentials`):
    /// enough for inspect, check and pack, at a fraction of the memory.
    case essentials

    var condense: XMLReader.Condense? { self == .essentials ? CustomizationsCodec.essentials : nil }
  }

  /// customizations.xml parsed and decoded: two readers of the same bytes can share it,
  /// and with it the memory of every workflow's metadata.
  public struct ParsedCustomizations: Sendable {
    public var file: XMLFile
    public var customizations: Customizations
  }

  public static func parseCustomizations(
    _ source: any SolutionSource, metadata: Metadata = .whole
  ) throws -> ParsedCustomizations {
    try parseCustomizations(requiredEntry("customizations.xml", source), metadata: metadata)
  }

  public static func parseCustomizations(_ data: Data, metadata: Metadata = .whole) throws
    -> ParsedCustomizations
  {
    try decodeCustomizations(
      XMLReader.parse(data, entry: "customizations.xml", condense: metadata.condense))
  }

  private static func decodeCustomizations(_ file: XMLFile) throws -> ParsedCustomizations {
    ParsedCustomizations(
      file: file,
      customizations: try CustomizationsCodec.decode(file, entry: "customizations.xml"))
  }

  /// `scanFlows: false` skips parsing flow JSON (what each flow uses) and only checks
  /// that each flow's file is there: pack and unpack move bytes and need no more.
  /// `parsed` is this source's customizations.xml, already parsed (by `parseCustomizations`
  /// of a source whose customizations.xml has the same bytes).
  public static func read(
    _ source: any SolutionSource, scanFlows: Bool = true, metadata: Metadata = .whole,
    parsed: ParsedCustomizations? = nil
  ) throws -> Result {
    var diagnostics = source.diagnostics
    let manifestFile = try XMLReader.parse(
      try requiredEntry("solution.xml", source), entry: "solution.xml")
    let manifest = try ManifestCodec.decode(manifestFile, entry: "solution.xml")
    let built = metadata == .essentials ? source.essentialCustomizations : nil
    let parsed =
      try parsed ?? built.map(decodeCustomizations)
      ?? parseCustomizations(source, metadata: metadata)
    let (customizationsFile, customizations) = (parsed.file, parsed.customizations)
    if !source.contains("[Content_Types].xml") {
      diagnostics.append(
        .warning(
          "content-types-missing",
          "\(source.displayName) has no [Content_Types].xml, which Dataverse requires at the root",
          entry: "[Content_Types].xml", hint: "`solpack pack` writes one; repack the solution."))
    }
    var variables = customizations.legacyEnvironmentVariables
    variables += try readEnvironmentVariables(source, &diagnostics)
    let credentials = try readCredentials(source, &diagnostics)
    let workflows = try readFlows(customizations.workflows, source, scanFlows, &diagnostics)
    diagnostics += duplicates(
      workflows.map { ($0.id, "workflow \"\($0.name)\"") }, "customizations.xml")
    diagnostics += duplicates(
      customizations.connectionReferences.map {
        ($0.logicalName.lowercasedName, "connection reference \($0.logicalName)")
      },
      "customizations.xml")
    diagnostics += duplicates(
      variables.map { ($0.schemaName.lowercasedName, "environment variable \($0.schemaName)") },
      "environmentvariabledefinitions/")
    diagnostics += duplicates(
      credentials.map { ($0.name.lowercasedName, "credential \"\($0.name)\"") }, "credentials/")
    let solution = Solution(
      manifest: manifest, workflows: workflows,
      connectionReferences: customizations.connectionReferences,
      environmentVariables: variables.sorted {
        $0.schemaName.lowercasedName < $1.schemaName.lowercasedName
      },
      credentials: credentials, customConnectors: customizations.connectors,
      parts: source.entries.map {
        SolutionPart(path: $0.path, size: $0.size, kind: PartKind(path: $0.path))
      })
    diagnostics += unreferencedFlowFiles(solution)
    return Result(solution: solution, diagnostics: diagnostics, customizations: customizationsFile)
  }

  /// Whether `read` may read the entry at `path`: the manifest, customizations.xml,
  /// env var and credential files and flow definitions.
  public static func reads(_ path: String) -> Bool {
    path == "solution.xml" || path == "customizations.xml"
      || path.hasPrefix(EnvironmentVariableCodec.folder) || path.hasPrefix(CredentialCodec.folder)
      || path.hasPrefix("Workflows/")
  }

  static func requiredEntry(_ path: String, _ source: any SolutionSource) throws -> Data {
    guard source.contains(path) else {
      throw DiagnosticError(
        .error(
          "required-entry-missing",
          "\(source.displayName) has no \(path); a solution must contain solution.xml, customizations.xml and [Content_Types].xml at its root",
          entry: path,
          hint:
            "This is not a solution archive (a flow package exported from the maker portal is not a solution); export the solution from Solutions in Power Apps or with pac."
        ))
    }
    return try source.read(path)
  }

  /// Each definition (and its values file) is read on its own, in parallel: one XML
  /// tree per variable was an eighth of a 10,000-component import. Diagnostics and the
  /// first error come in entry order, as they would one after another.
  private static func readEnvironmentVariables(
    _ source: any SolutionSource, _ diagnostics: inout [Diagnostic]
  ) throws -> [EnvironmentVariable] {
    let paths = source.entries.map(\.path).filter {
      $0.hasPrefix(EnvironmentVariableCodec.folder)
        && $0.hasSuffix("/" + EnvironmentVariableCodec.definitionFile)
    }
    let results = try ParallelWork.map(
      count: paths.count, concurrency: ProcessInfo.processInfo.activeProcessorCount
    ) { index -> (EnvironmentVariable, Diagnostic?) in
      let path = paths[index]
      let folderPath = String(path.dropLast(EnvironmentVariableCodec.definitionFile.count))
      let folder = folderPath.dropFirst(EnvironmentVariableCodec.folder.count).dropLast()
      var variable = try EnvironmentVariableCodec.decode(
        XMLReader.parse(source.read(path), entry: path), entry: path)
      var mismatch: Diagnostic?
      if variable.schemaName != folder {
        // An error: the folder name is what reviewers and tools see, the schema name is
        // what Dataverse installs, so a mismatch can hide one variable behind another.
        mismatch = .error(
          "env-var-folder-mismatch",
          "\(path) defines \(variable.schemaName) but its folder is named \(folder)",
          entry: path, component: "environment variable \(variable.schemaName)",
          hint:
            "Rename the folder to \(variable.schemaName); Dataverse names it after the schema name."
        )
      }
      let valuesPath = folderPath + EnvironmentVariableCodec.valuesFile
      if source.contains(valuesPath) {
        variable.value = try EnvironmentVariableCodec.decodeValue(
          source.read(valuesPath), entry: valuesPath)
        variable.valuesPath = valuesPath
      }
      return (variable, mismatch)
    }
    diagnostics += results.compactMap(\.1)
    return results.map(\.0)
  }

  /// In parallel, like the env var definitions.
  private static func readCredentials(
    _ source: any SolutionSource, _ diagnostics: inout [Diagnostic]
  )
    throws -> [Credential]
  {
    let paths = source.entries.map(\.path).filter {
      $0.hasPrefix(CredentialCodec.folder) && $0.hasSuffix("/" + CredentialCodec.fileName)
    }
    return try ParallelWork.map(
      count: paths.count, concurrency: ProcessInfo.processInfo.activeProcessorCount
    ) {
      try CredentialCodec.decode(
        XMLReader.parse(source.read(paths[$0]), entry: paths[$0]), entry: paths[$0])
    }.sorted { $0.name.lowercasedName < $1.name.lowercasedName }
  }

  /// Scans each cloud and desktop flow's JSON, in parallel: flow files are the bulk of
  /// a solution's text.
  private static func readFlows(
    _ workflows: [Workflow], _ source: any SolutionSource, _ scan: Bool,
    _ diagnostics: inout [Diagnostic]
  ) throws -> [Workflow] {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let results = try ParallelWork.map(count: workflows.count, concurrency: cores) {
      index -> (Workflow, Diagnostic?) in
      var workflow = workflows[index]
      guard workflow.kind == .cloudFlow || workflow.kind == .desktopFlow else {
        return (workflow, nil)
      }
      var data: Data?
      var problem: Diagnostic?
      if let path = workflow.definitionPath {
        if source.contains(path) && !scan {
          return (workflow, nil)
        } else if source.contains(path) {
          do {
            data = try source.read(path)
          } catch let error as DiagnosticError {
            problem = error.diagnostic
          } catch {
            problem = .error("read-failed", "\(path): \(error)", entry: path)
          }
        } else {
          problem = .error(
            "flow-definition-missing",
            "\(workflow.kind.displayName) \"\(workflow.name)\" names \(path), which is not in the solution",
            entry: "customizations.xml", component: "workflow \"\(workflow.name)\"",
            hint: "Restore \(path), or export the solution again.")
        }
      }
      do throws(FlowJSONProblem) {
        workflow.references = try FlowReferenceScanner.references(
          json: data, metadata: workflow.element)
      } catch {
        workflow.references = FlowReferences()
        problem = error.diagnostic(path: workflow.definitionPath ?? "", flow: workflow.name)
      }
      return (workflow, problem)
    }
    diagnostics += results.compactMap(\.1)
    return results.map(\.0)
  }

  private static func duplicates(_ keys: [(String, String)], _ entry: String) -> [Diagnostic] {
    var seen = Set<String>()
    var reported = Set<String>()
    var result: [Diagnostic] = []
    for (key, label) in keys where !seen.insert(key).inserted && reported.insert(key).inserted {
      result.append(
        .error(
          "duplicate-component", "\(label) appears more than once", entry: entry, component: label,
          hint: "Remove the duplicate; each component may appear once in a solution."))
    }
    return result
  }

  /// Flow files under Workflows/ that no workflow names: Dataverse ignores them, so what
  /// a reviewer reads there is not what gets installed. An error, like any smuggled file.
  private static func unreferencedFlowFiles(_ solution: Solution) -> [Diagnostic] {
    let named = Set(solution.workflows.compactMap { $0.definitionPath?.lowercasedName })
    return solution.parts.filter {
      $0.kind == .flowDefinition && !named.contains($0.path.lowercasedName)
    }.map {
      .error(
        "flow-file-unreferenced",
        "\($0.path) is not named by any <Workflow> in customizations.xml; Dataverse will ignore it",
        entry: $0.path, hint: "Delete the file, or add the flow's metadata (a .json.data.xml file)."
      )
    }
  }
}
