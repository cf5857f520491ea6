import Foundation
import SolpackArchive
import SolpackModel

extension DiffEngine {
  static func kind(_ flow: Workflow) -> DiffReport.Kind {
    switch flow.kind {
    case .cloudFlow: .cloudFlow
    case .desktopFlow: .desktopFlow
    default: .workflow
    }
  }

  /// Flows by WorkflowId: metadata as canonical XML, the definition as JSON (XAML as XML).
  /// `known`: definitions already compared, by path (`Side.read`).
  static func workflows(_ a: Side, _ b: Side, known: [String: Compared] = [:]) throws
    -> [DiffReport.ComponentChange]
  {
    // Indices, not copies of thousands of workflows, in the maps and in the pairs.
    let (l, r) = (a.solution.workflows, b.solution.workflows)
    let left = Dictionary(l.indices.map { (l[$0].id, $0) }, uniquingKeysWith: { f, _ in f })
    let right = Dictionary(r.indices.map { (r[$0].id, $0) }, uniquingKeysWith: { f, _ in f })
    var changes: [DiffReport.ComponentChange] = []
    for (id, index) in left where right[id] == nil {
      let flow = l[index]
      changes.append(
        .init(
          kind: kind(flow), key: id, name: flow.name, change: .removed, entry: flow.definitionPath))
    }
    var matched: [(old: Int, new: Int)] = []
    for (id, index) in right {
      let flow = r[index]
      guard let oldIndex = left[id] else {
        changes.append(
          .init(
            kind: kind(flow), key: id, name: flow.name, change: .added, entry: flow.definitionPath))
        continue
      }
      // Same metadata, and a definition the zips say is the same: nothing to read.
      let old = l[oldIndex]
      if let path = flow.definitionPath, old.definitionPath == path, unchanged(path, a, b),
        old.element == flow.element
      {
        continue
      }
      matched.append((oldIndex, index))
    }
    // Each changed flow is read, checked and compared on its own: on every core.
    let pairs = matched
    let compared = try ParallelWork.map(
      count: pairs.count, concurrency: ProcessInfo.processInfo.activeProcessorCount
    ) { index -> DiffReport.ComponentChange? in
      let (old, flow) = (l[pairs[index].old], r[pairs[index].new])
      // Equal as parsed is equal; only differing metadata is canonicalized.
      var fields =
        old.element == flow.element
        ? []
        : FieldDiff.xml(
          Canonical.element(old.element), Canonical.element(flow.element), path: "Workflow")
      if let lp = old.definitionPath, let rp = flow.definitionPath {
        fields += try definition(lp, a, rp, b, known: known)
      }
      guard !fields.isEmpty else { return nil }
      return .init(
        kind: kind(flow), key: flow.id, name: flow.name, change: .changed,
        entry: flow.definitionPath, fields: fields)
    }
    return changes + compared.compactMap { $0 }
  }

  /// The definition files of one flow in both: skipped when the zips say they are equal.
  static func definition(
    _ lp: String, _ a: Side, _ rp: String, _ b: Side, known: [String: Compared]
  ) throws -> [DiffReport.FieldChange] {
    guard a.entries[lp] != nil, b.entries[rp] != nil else { return [] }
    if lp == rp, unchanged(lp, a, b) { return [] }
    let compared = try (lp == rp ? known[lp] : nil) ?? compare(lp, a.source, rp, b.source)
    switch compared {
    case .success(let fields): return fields
    case .failure(let failure):
      let side = failure.path == lp && failure.left ? a : b
      let name = side.solution.workflows.first { $0.definitionPath == failure.path }?.name
      throw DiagnosticError(
        failure.problem.diagnostic(path: failure.path, flow: name ?? failure.path))
    }
  }

  typealias Compared = Result<[DiffReport.FieldChange], DefinitionFailure>

  /// A flow definition that cannot be compared: which file, on which side, and why.
  struct DefinitionFailure: Error {
    var path: String
    var left: Bool
    var problem: FlowJSONProblem
  }

  /// Both versions of a definition file, read and compared. A definition that differs
  /// must be readable to be compared: the reader's own check, with its id (flow-json-*),
  /// refuses one that is not. An unreadable entry throws as `read` does.
  static func compare(
    _ lp: String, _ a: any SolutionSource, _ rp: String, _ b: any SolutionSource
  ) throws -> Compared {
    let (l, r) = (try a.read(lp), try b.read(rp))
    for (data, path, left) in [(l, lp, true), (r, rp, false)]
    where path.lowercased().hasSuffix(".json") {
      do throws(FlowJSONProblem) {
        _ = try FlowReferenceScanner.references(json: data, metadata: XMLElement("Workflow"))
      } catch {
        return .failure(DefinitionFailure(path: path, left: left, problem: error))
      }
    }
    return .success(content(l, r, path: rp))
  }

  /// Two versions of one entry's bytes, compared by what they hold.
  static func content(_ l: Data, _ r: Data, path: String) -> [DiffReport.FieldChange] {
    if l == r { return [] }
    let lower = path.lowercased()
    if lower.hasSuffix(".json"), let lj = json(l), let rj = json(r) {
      return FieldDiff.json(lj, rj)
    }
    if lower.hasSuffix(".xml") || lower.hasSuffix(".xaml"),
      let lx = try? XMLReader.parse(l, entry: path), let rx = try? XMLReader.parse(r, entry: path)
    {
      return FieldDiff.xml(
        Canonical.element(lx.root), Canonical.element(rx.root), path: lx.root.name)
    }
    var fields: [DiffReport.FieldChange] = []
    if l.count != r.count {
      fields.append(.init(path: "size", old: "\(l.count)", new: "\(r.count)"))
    }
    let (lc, rc) = (CRC32.checksum(l), CRC32.checksum(r))
    if lc != rc {
      fields.append(
        .init(path: "crc32", old: String(format: "%08x", lc), new: String(format: "%08x", rc)))
    }
    return fields
  }

  /// JSON read directly; text only Foundation reads (another encoding) read by it.
  static func json(_ data: Data) -> JSONValue? {
    JSONValue.parse(data)
      ?? (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])).map(
        JSONValue.init(foundation:))
  }

  /// Env vars by schema name: the definition as XML, the current value compared (for a
  /// Secret, only whether it changed).
  static func variables(_ a: Side, _ b: Side) throws -> [DiffReport.ComponentChange] {
    var changes = keyed(
      .environmentVariable, a.solution.environmentVariables, b.solution.environmentVariables,
      key: { $0.schemaName.lowercased() }, name: \.schemaName, element: \.element,
      entry: {
        $0.form == .folder
          ? "\(EnvironmentVariableCodec.folder)\($0.schemaName)/\(EnvironmentVariableCodec.definitionFile)"
          : "customizations.xml"
      })
    let left = Dictionary(
      a.solution.environmentVariables.map { ($0.schemaName.lowercased(), $0) },
      uniquingKeysWith: { f, _ in f })
    for variable in b.solution.environmentVariables {
      guard let old = left[variable.schemaName.lowercased()] else { continue }
      let (l, r) = (old.value?.value, variable.value?.value)
      guard l != r else { continue }
      let field: DiffReport.FieldChange
      if variable.isSecret || old.isSecret {
        field = .init(
          path: "value",
          note: l == nil
            ? "value set (secret, not shown)"
            : r == nil ? "value removed (secret, not shown)" : "value changed (secret, not shown)")
      } else {
        field = .init(path: "value", old: l.map(FieldDiff.shorten), new: r.map(FieldDiff.shorten))
      }
      if let index = changes.firstIndex(where: {
        $0.key == variable.schemaName && $0.kind == .environmentVariable
      }) {
        changes[index].fields.append(field)
      } else {
        changes.append(
          .init(
            kind: .environmentVariable, key: variable.schemaName, change: .changed,
            entry:
              "environmentvariabledefinitions/\(variable.schemaName)/environmentvariablevalues.json",
            fields: [field]))
      }
    }
    return changes
  }

  /// Every entry no typed component accounts for, by path; plus the rest of
  /// customizations.xml (entities, forms, option sets …) as one part.
  static func parts(_ a: Side, _ b: Side) throws -> [DiffReport.ComponentChange] {
    func owned(_ side: Side) -> Set<String> {
      var paths: Set<String> = ["solution.xml", "customizations.xml", ContentTypes.path]
      for flow in side.solution.workflows {
        if let path = flow.definitionPath { paths.insert(path) }
      }
      for path in side.entries.keys
      where path.hasPrefix(EnvironmentVariableCodec.folder)
        || path.hasPrefix(CredentialCodec.folder)
      {
        paths.insert(path)
      }
      return paths
    }
    let (skipA, skipB) = (owned(a), owned(b))
    var changes: [DiffReport.ComponentChange] = []
    for path in a.entries.keys.sorted() where !skipA.contains(path) && b.entries[path] == nil {
      changes.append(.init(kind: .part, key: path, change: .removed, entry: path))
    }
    for path in b.entries.keys.sorted() where !skipB.contains(path) {
      guard a.entries[path] != nil else {
        changes.append(.init(kind: .part, key: path, change: .added, entry: path))
        continue
      }
      if unchanged(path, a, b) { continue }
      let fields = content(try a.read(path), try b.read(path), path: path)
      if !fields.isEmpty {
        changes.append(.init(kind: .part, key: path, change: .changed, entry: path, fields: fields))
      }
    }
    let typed: Set<String> = [
      "Workflows", "connectionreferences", "Connectors", "EnvironmentVariables",
    ]
    func rest(_ side: Side) -> XMLElement {
      // Drop the typed sections first: they are compared above, and canonicalizing
      // thousands of workflows twice more is most of a large diff's time.
      var root = side.customizations.root
      root.children.removeAll { typed.contains($0.element?.name ?? "") }
      return Canonical.element(root)
    }
    // A customizations.xml both sides share has no difference in it.
    let fields =
      a.sharesCustomizations ? [] : FieldDiff.xml(rest(a), rest(b), path: "ImportExportXml")
    if !fields.isEmpty {
      changes.append(
        .init(
          kind: .part, key: "customizations.xml", change: .changed, entry: "customizations.xml",
          fields: fields))
    }
    return changes
  }
}
