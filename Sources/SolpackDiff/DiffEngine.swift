import Foundation
import SolpackArchive
import SolpackModel

/// Compares two solutions by meaning: component by component, then field by field.
/// Entries whose CRC-32 and size match in both zips' central directories are not
/// inflated; only changed entries are parsed. Never prints.
public enum DiffEngine {
  public static func diff(_ a: any SolutionSource, _ b: any SolutionSource, names: (String, String))
    throws -> DiffReport
  {
    try diff(Side.read(a, b), names: names)
  }

  /// Opens and reads both inputs at once, one per core: their central directories and
  /// customizations.xml are most of the work when few entries changed.
  public static func diff(_ a: URL, _ b: URL, names: (String, String)) throws -> DiffReport {
    let sources = try ParallelWork.map(count: 2, concurrency: 2) {
      try SolutionSources.open($0 == 0 ? a : b)
    }
    return try diff(Side.read(sources[0], sources[1]), names: names)
  }

  private static func diff(_ read: Side.Pair, names: (String, String)) throws -> DiffReport {
    let (left, right) = (read.left, read.right)
    var changes: [DiffReport.ComponentChange] = []
    // The same solution.xml bytes on both sides have no difference to find in them.
    if !sameBytes("solution.xml", left, right) {
      changes += manifest(left, right)
      changes += roots(left, right)
      changes += missing(left, right)
    }
    changes += try workflows(left, right, known: read.compared)
    changes += keyed(
      .connectionReference, left.solution.connectionReferences, right.solution.connectionReferences,
      key: { $0.logicalName.lowercased() }, name: \.logicalName, element: \.element,
      entry: { _ in "customizations.xml" })
    changes += try variables(left, right)
    changes += keyed(
      .credential, left.solution.credentials, right.solution.credentials,
      key: { $0.name.lowercased() },
      name: \.name, element: \.element, entry: \.path)
    changes += keyed(
      .customConnector, left.solution.customConnectors, right.solution.customConnectors,
      key: { $0.id ?? $0.name }, name: { $0.displayName ?? $0.name }, element: \.element,
      entry: { _ in "customizations.xml" })
    changes += try parts(left, right)
    return DiffReport(a: names.0, b: names.1, changes: changes)
  }

  /// One input, read: the model, and its entries by path.
  struct Side {
    let source: any SolutionSource
    let solution: Solution
    let entries: [String: SourceEntry]
    let customizations: XMLFile
    /// Both sides hold the same customizations.xml bytes, parsed once: `parsed` is given
    /// only then (`read(_:_:)`).
    let sharesCustomizations: Bool

    init(_ source: any SolutionSource, parsed: SolutionReader.ParsedCustomizations? = nil) throws {
      self.source = source
      sharesCustomizations = parsed != nil
      let read = try SolutionReader.read(source, scanFlows: false, parsed: parsed)
      // Like unpack: a solution the reader finds unsound (duplicate ids, smuggled files)
      // has no one meaning to compare.
      if let error = read.diagnostics.first(where: { $0.severity == .error }) {
        throw DiagnosticError(error)
      }
      solution = read.solution
      customizations = read.customizations
      entries = Dictionary(
        source.entries.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Both sides, and the flow definitions the zips say changed, already compared.
    struct Pair {
      var left: Side
      var right: Side
      var compared: [String: Compared]
    }

    /// Both sides at once, one per core: parsing their customizations.xml is most of
    /// the work when few entries changed. When both hold the same customizations.xml
    /// bytes, it is parsed once and both sides share it: half the work, and one slim copy
    /// of every workflow's metadata in memory instead of two whole ones. While one core
    /// parses it, the other compares the flow definitions whose CRCs differ: that needs
    /// no metadata, only both files.
    static func read(_ a: any SolutionSource, _ b: any SolutionSource) throws -> Pair {
      let changed = changedDefinitions(a, b)
      let work = try ParallelWork.map(count: 1 + changed.count, concurrency: 2) {
        index -> Work in
        guard index > 0 else { return .parsed(sharedCustomizations(a, b)) }
        let path = changed[index - 1]
        // A file that cannot be read is read again, and reported, where the flow is known.
        return .compared(try? compare(path, a, path, b))
      }
      var parsed: SolutionReader.ParsedCustomizations?
      var compared: [String: Compared] = [:]
      for (index, item) in work.enumerated() {
        switch item {
        case .parsed(let shared): parsed = shared
        case .compared(let result?): compared[changed[index - 1]] = result
        case .compared(nil): continue
        }
      }
      let shared = parsed
      let sides = try ParallelWork.map(count: 2, concurrency: 2) {
        try Side($0 == 0 ? a : b, parsed: shared)
      }
      return Pair(left: sides[0], right: sides[1], compared: compared)
    }

    private enum Work {
      case parsed(SolutionReader.ParsedCustomizations?)
      case compared(Compared?)
    }

    /// Flow JSON files in both zips whose CRC or size differ.
    private static func changedDefinitions(_ a: any SolutionSource, _ b: any SolutionSource)
      -> [String]
    {
      a.entries.compactMap { left in
        let lower = left.path.lowercased()
        guard lower.hasPrefix("workflows/"), lower.hasSuffix(".json"),
          let right = b.entry(left.path), let lc = left.crc32, let rc = right.crc32,
          lc != rc || left.size != right.size
        else { return nil }
        return left.path
      }
    }

    /// Only when the zips' CRCs and sizes agree, and then on the bytes themselves: each
    /// side's entry is still inflated and checked, so a damaged or disguised one is
    /// refused as before. Any failure leaves each side to read (and report) on its own.
    private static func sharedCustomizations(_ a: any SolutionSource, _ b: any SolutionSource)
      -> SolutionReader.ParsedCustomizations?
    {
      let path = "customizations.xml"
      guard let l = a.entry(path), let r = b.entry(path), let crc = l.crc32, crc == r.crc32,
        l.size == r.size,
        let bytes = try? ParallelWork.map(
          count: 2, concurrency: 2, { try ($0 == 0 ? a : b).read(path) }),
        bytes[0] == bytes[1]
      else { return nil }
      // Same bytes, same metadata: nothing in it to compare, so only what the model
      // reads is kept of each workflow.
      return try? SolutionReader.parseCustomizations(bytes[0], metadata: .essentials)
    }

    func read(_ path: String) throws -> Data { try source.read(path) }
  }

  /// The same bytes on both sides: the zips' CRCs and sizes agree, and so do the bytes.
  static func sameBytes(_ path: String, _ a: Side, _ b: Side) -> Bool {
    guard unchanged(path, a, b), let l = try? a.read(path), let r = try? b.read(path) else {
      return false
    }
    return l == r
  }

  /// Same bytes for sure, without reading them: both zips' CRCs agree, with the size.
  /// Folders have no CRC: `content` then compares the bytes it reads anyway.
  static func unchanged(_ path: String, _ a: Side, _ b: Side) -> Bool {
    guard let l = a.entries[path], let r = b.entries[path], let lc = l.crc32, let rc = r.crc32
    else { return false }
    return lc == rc && l.size == r.size
  }

  // MARK: Manifest

  static func manifest(_ a: Side, _ b: Side) -> [DiffReport.ComponentChange] {
    func stripped(_ file: XMLFile) -> XMLElement {
      var root = Canonical.element(file.root)
      if let index = root.children.firstIndex(where: { $0.element?.name == "SolutionManifest" }),
        var manifest = root.children[index].element
      {
        manifest.children.removeAll {
          ["RootComponents", "MissingDependencies"].contains($0.element?.name ?? "")
        }
        root.children[index] = .element(manifest)
      }
      return root
    }
    let fields = FieldDiff.xml(
      stripped(a.solution.manifest.file), stripped(b.solution.manifest.file),
      path: "ImportExportXml"
    )
    .map { change -> DiffReport.FieldChange in
      var change = change
      // Short names for the fields people look at.
      let short = [
        "ImportExportXml/SolutionManifest/Version": "version",
        "ImportExportXml/SolutionManifest/Managed": "managed",
        "ImportExportXml/SolutionManifest/UniqueName": "uniqueName",
      ]
      change.path =
        short[change.path]
        ?? change.path.replacingOccurrences(of: "ImportExportXml/SolutionManifest/", with: "")
      return change
    }
    guard !fields.isEmpty else { return [] }
    return [
      .init(
        kind: .manifest, key: b.solution.uniqueName, change: .changed, entry: "solution.xml",
        fields: fields)
    ]
  }

  static func roots(_ a: Side, _ b: Side) -> [DiffReport.ComponentChange] {
    func key(_ root: RootComponent) -> String {
      "\(root.type.label) \(root.schemaName ?? root.id.map(ComponentReference.normalizedID) ?? "")"
    }
    return sets(
      .rootComponent, a.solution.manifest.rootComponents.map { (key($0), $0.element) },
      b.solution.manifest.rootComponents.map { (key($0), $0.element) })
  }

  static func missing(_ a: Side, _ b: Side) -> [DiffReport.ComponentChange] {
    func items(_ side: Side) -> [(String, XMLElement)] {
      side.solution.manifest.missingDependencies.map { dependency in
        let key =
          "\(dependency.required.type?.label ?? "?") \(dependency.required.name) ← \(dependency.dependent.type?.label ?? "?") \(dependency.dependent.displayName ?? dependency.dependent.name)"
        let element = XMLElement(
          "MissingDependency",
          children: [
            .element(XMLElement("Required", attributes: dependency.required.attributes)),
            .element(XMLElement("Dependent", attributes: dependency.dependent.attributes)),
          ])
        return (key, element)
      }
    }
    return sets(.missingDependency, items(a), items(b))
  }

  /// Components identified by their whole canonical text: added or removed, never changed.
  static func sets(
    _ kind: DiffReport.Kind, _ a: [(String, XMLElement)], _ b: [(String, XMLElement)]
  )
    -> [DiffReport.ComponentChange]
  {
    let left = Dictionary(
      a.map { (XMLWriter.string(Canonical.element($0.1)), $0.0) }, uniquingKeysWith: { f, _ in f })
    let right = Dictionary(
      b.map { (XMLWriter.string(Canonical.element($0.1)), $0.0) }, uniquingKeysWith: { f, _ in f })
    var changes: [DiffReport.ComponentChange] = []
    for (text, key) in left where right[text] == nil {
      changes.append(.init(kind: kind, key: key, change: .removed, entry: "solution.xml"))
    }
    for (text, key) in right where left[text] == nil {
      changes.append(.init(kind: kind, key: key, change: .added, entry: "solution.xml"))
    }
    return changes
  }

  /// Components matched by key and compared as canonical XML.
  static func keyed<T>(
    _ kind: DiffReport.Kind, _ a: [T], _ b: [T], key: (T) -> String, name: (T) -> String,
    element: (T) -> XMLElement, entry: (T) -> String?
  ) -> [DiffReport.ComponentChange] {
    let left = Dictionary(a.map { (key($0), $0) }, uniquingKeysWith: { f, _ in f })
    let right = Dictionary(b.map { (key($0), $0) }, uniquingKeysWith: { f, _ in f })
    var changes: [DiffReport.ComponentChange] = []
    for (k, item) in left where right[k] == nil {
      changes.append(.init(kind: kind, key: name(item), change: .removed, entry: entry(item)))
    }
    for (k, item) in right {
      guard let old = left[k] else {
        changes.append(.init(kind: kind, key: name(item), change: .added, entry: entry(item)))
        continue
      }
      if element(old) == element(item) { continue }
      let l = Canonical.element(element(old))
      let r = Canonical.element(element(item))
      if l != r {
        changes.append(
          .init(
            kind: kind, key: name(item), change: .changed, entry: entry(item),
            fields: FieldDiff.xml(l, r, path: l.name)))
      }
    }
    return changes
  }
}
