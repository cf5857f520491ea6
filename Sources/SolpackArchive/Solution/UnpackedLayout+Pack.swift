import Foundation
import SolpackModel

extension UnpackedLayout {
  /// Presents an unpacked folder as the archive it packs to: flow metadata and
  /// connectors are put back into customizations.xml, `Connectors/` becomes
  /// `Connector/`, and every other file keeps its path.
  public static func packedSource(folder: URL) throws -> FolderSource {
    try packedSource(folder: folder, deflateAhead: nil)
  }

  /// As `packedSource(folder:)`; with a level, the files pack keeps as they are start
  /// deflating as soon as they are listed (`Packer.deflateAhead`).
  static func packedSource(folder: URL, deflateAhead level: Int32?) throws -> FolderSource {
    let listing = try FolderWalker.files(in: folder)
    var origins: [String: FolderSource.Origin] = [:]
    var diagnostics: [Diagnostic] = []
    var workflowFiles: [FolderWalker.File] = []
    var connectorFiles: [FolderWalker.File] = []
    var customizations: FolderWalker.File?
    var warnedFolders = Set<String>()
    func add(_ path: String, _ origin: FolderSource.Origin, from file: String) throws {
      guard origins[path] == nil else {
        throw DiagnosticError(
          .error(
            "pack-path-collision", "\(file) and another file both pack to \(path)", entry: file,
            hint: "Remove one of them."))
      }
      origins[path] = origin
    }
    for file in listing {
      let origin = FolderSource.Origin.file(file.location, size: file.size)
      switch file.path {
      case solutionFile: try add("solution.xml", origin, from: file.path)
      case customizationsFile: customizations = file
      case let path where path.hasPrefix("Workflows/") && path.hasSuffix(".data.xml"):
        workflowFiles.append(file)
      case let path
      where path.hasPrefix("Connectors/") && path.hasSuffix(".xml")
        && !path.dropFirst("Connectors/".count).contains("/"):
        connectorFiles.append(file)
      case let path where path.hasPrefix("Connectors/"):
        try add("Connector/" + path.dropFirst("Connectors/".count), origin, from: path)
      case let path where path.hasPrefix("Other/") || isSplitOut(path):
        // One warning per folder: a pac tree with entities has hundreds of such files.
        let folder = String(path.prefix { $0 != "/" })
        if warnedFolders.insert(folder).inserted { diagnostics.append(notReinlined(path)) }
        try add(path, origin, from: path)
      default:
        try add(file.path, origin, from: file.path)
      }
    }
    // Every file that keeps its bytes is in `origins` now (connectors that are not
    // <Connector> come later, and are not deflated ahead).
    let ahead = level.map { Packer.deflateAhead(origins, level: $0) }
    var built = false
    defer { if !built { ahead?.finish() } }  // a failed open leaves no worker running
    guard let customizations else {
      throw DiagnosticError(
        .error(
          "customizations-missing", "\(folder.lastPathComponent) has no \(customizationsFile)",
          entry: customizationsFile,
          hint: "Every unpacked solution has Other/Solution.xml and Other/Customizations.xml."))
    }
    let customizationsXML = try reinline(
      customizations: customizations, workflows: workflowFiles, connectors: connectorFiles,
      addOther: { try add($0.path, .file($0.location, size: $0.size), from: $0.path) })
    try add("customizations.xml", .data(customizationsXML.data), from: customizationsFile)
    if origins[ContentTypes.path] == nil {
      // SolutionPackager trees never hold one; the archive needs it.
      let paths = Packer.order(Array(origins.keys)).filter { $0 != ContentTypes.path }
      origins[ContentTypes.path] = .data(ContentTypes.generate(paths: paths))
    }
    built = true
    return FolderSource(
      location: folder, origins: origins, diagnostics: diagnostics,
      essentialCustomizations: customizationsXML.essentials, ahead: ahead)
  }

  /// customizations.xml with every workflow and connector file merged back, as bytes,
  /// and as the tree `.essentials` reading of those bytes gives (tested on the corpus):
  /// the reader then need not parse them again.
  ///
  /// Workflows are parsed and written on every core and appended in order, one at a
  /// time: a solution of thousands of flows never holds all their metadata at once.
  private static func reinline(
    customizations: FolderWalker.File, workflows: [FolderWalker.File],
    connectors: [FolderWalker.File], addOther: (FolderWalker.File) throws -> Void
  ) throws -> (data: Data, essentials: XMLFile) {
    var file = try XMLReader.parse(Data(contentsOf: customizations.url), entry: customizationsFile)
    let xsi = file.root[attribute: "xmlns:xsi"]
    var connectorElements: [XMLElement] = []
    for connector in connectors {
      let data = try Data(contentsOf: connector.url)
      let parsed = try XMLReader.parse(data, entry: connector.path)
      guard parsed.root.name == "Connector" else {
        // Some other XML that happens to sit in Connectors/: ship it as a part.
        try addOther(
          FolderWalker.File(
            path: "Connector/" + connector.path.dropFirst("Connectors/".count),
            location: connector.location,
            size: connector.size))
        continue
      }
      connectorElements.append(strip(parsed.root, xsi: xsi))
    }
    append(connectorElements, to: "Connectors", in: &file.root)
    // The document is written with one placeholder where the workflows go; each
    // workflow is then written at the placeholder's depth and indentation.
    let placeholder = XMLElement("solpack-workflows-\(UUID().uuidString)")
    var skeleton = file
    append([placeholder], to: "Workflows", in: &skeleton.root)
    guard skeleton.isIndented, let container = skeleton.root.element(named: "Workflows"),
      XMLWriter.isElementOnly(container), !workflows.isEmpty
    else {
      return try reinlineWhole(file, workflows: workflows, xsi: xsi)
    }
    let text = XMLWriter.data(skeleton)
    let marker = Data(XMLWriter.inline(placeholder).utf8)
    guard let at = text.range(of: marker) else {
      preconditionFailure("the writer wrote no placeholder")
    }
    let separator = indentation(before: at.lowerBound, in: text)
    var data = Data(text[..<at.lowerBound])
    data.reserveCapacity(text.count + workflows.reduce(0) { $0 + Int($1.size) })
    var essentials: [XMLElement] = []
    var seenIDs = Set<String>()
    let newline = file.newline
    try OrderedWindow.run(
      count: workflows.count, concurrency: ProcessInfo.processInfo.activeProcessorCount,
      budget: 8 << 20, weight: { workflows[$0].size }
    ) { index -> (XMLElement, String) in
      let element = try inlineElement(workflows[index], named: "Workflow", xsi: xsi)
      var out = ""
      XMLWriter.write(element, depth: 2, newline: newline, indented: true, into: &out)
      return (CustomizationsCodec.essentials.transform(element), out)
    } consume: { index, result in
      try checkUnique(result.0, of: workflows[index], &seenIDs)
      if index > 0 { data.append(separator) }
      data.append(contentsOf: result.1.utf8)
      essentials.append(result.0)
    }
    data.append(text[at.upperBound...])
    // The workflows already inline are cut first; the merged ones are cut already.
    file = condensed(file)
    append(essentials, to: "Workflows", in: &file.root)
    return (data, file)
  }

  /// The plain way, for a document the writer does not indent (or with no workflows
  /// to merge): every workflow parsed, the whole tree written, its bytes read again.
  private static func reinlineWhole(_ file: XMLFile, workflows: [FolderWalker.File], xsi: String?)
    throws -> (data: Data, essentials: XMLFile)
  {
    var file = file
    let elements = try ParallelWork.map(
      count: workflows.count, concurrency: ProcessInfo.processInfo.activeProcessorCount
    ) { try inlineElement(workflows[$0], named: "Workflow", xsi: xsi) }
    var seenIDs = Set<String>()
    for (workflow, element) in zip(workflows, elements) {
      try checkUnique(element, of: workflow, &seenIDs)
    }
    append(elements, to: "Workflows", in: &file.root)
    let data = XMLWriter.data(file)
    return (
      data,
      try XMLReader.parse(
        data, entry: "customizations.xml", condense: CustomizationsCodec.essentials)
    )
  }

  private static func checkUnique(
    _ element: XMLElement, of workflow: FolderWalker.File, _ seen: inout Set<String>
  ) throws {
    let id = ComponentReference.normalizedID(element[attribute: "WorkflowId"] ?? workflow.path)
    guard seen.insert(id).inserted else {
      throw DiagnosticError(
        .error(
          "duplicate-component", "\(workflow.path) repeats workflow id \(id)",
          entry: workflow.path, component: "workflow \(id)",
          hint: "Each workflow must have its own WorkflowId; remove the copy."))
    }
  }

  /// Every `<Workflow>` of the tree cut as `.essentials` reading cuts it (workflows
  /// already inline in Other/Customizations.xml included).
  private static func condensed(_ file: XMLFile) -> XMLFile {
    guard var container = file.root.element(named: "Workflows") else { return file }
    container.children = container.children.map {
      guard case .element(let element) = $0, element.name == "Workflow" else { return $0 }
      return .element(CustomizationsCodec.essentials.transform(element))
    }
    var file = file
    file.root.replaceElement(named: "Workflows", with: container)
    return file
  }

  /// The line end and spaces the writer put before the child starting at `offset`
  /// (nothing when the document is not indented).
  private static func indentation(before offset: Data.Index, in text: Data) -> Data {
    var start = offset
    while start > text.startIndex, text[start - 1] == 0x20 { start -= 1 }
    if start > text.startIndex, text[start - 1] == 0x0A { start -= 1 }
    if start > text.startIndex, text[start - 1] == 0x0D, start < offset, text[start] == 0x0A {
      start -= 1
    }
    return text[start..<offset]
  }

  private static func inlineElement(_ file: FolderWalker.File, named name: String, xsi: String?)
    throws -> XMLElement
  {
    let parsed = try XMLReader.parse(Data(contentsOf: file.url), entry: file.path)
    guard parsed.root.name == name else {
      throw DiagnosticError(
        .error(
          "metadata-invalid", "\(file.path) has root <\(parsed.root.name)>, expected <\(name)>",
          entry: file.path, hint: "Workflow metadata files hold one <Workflow> element."))
    }
    return strip(parsed.root, xsi: xsi)
  }

  /// The namespace declaration SolutionPackager adds to each split-out file is
  /// already on customizations.xml's root.
  private static func strip(_ element: XMLElement, xsi: String?) -> XMLElement {
    var element = element
    if element[attribute: "xmlns:xsi"] == (xsi ?? xsiNamespace) {
      element[attribute: "xmlns:xsi"] = nil
    }
    return element
  }

  private static func append(
    _ elements: [XMLElement], to section: String, in root: inout XMLElement
  ) {
    guard !elements.isEmpty else { return }
    var container = root.element(named: section) ?? XMLElement(section)
    container.children.append(contentsOf: elements.map(XMLNode.element))
    container.writesEmptyAsPair = false
    if root.element(named: section) != nil {
      root.replaceElement(named: section, with: container)
    } else if let index = root.children.lastIndex(where: { $0.element?.name == "Languages" }) {
      root.children.insert(.element(container), at: index)
    } else {
      root.children.append(.element(container))
    }
  }

  /// Files SolutionPackager splits out of customizations.xml that solpack does not
  /// merge back yet (format.md §3.7).
  static func isSplitOut(_ path: String) -> Bool {
    let folders = [
      "Entities/", "OptionSets/", "Roles/", "SdkMessageProcessingSteps/", "PluginAssemblies/",
      "AppModules/", "AppModuleSiteMaps/", "Dashboards/", "Reports/", "Templates/",
    ]
    if folders.contains(where: path.hasPrefix) { return true }
    return (path.hasPrefix("WebResources/") && path.hasSuffix(".data.xml"))
      || (path.hasPrefix("CanvasApps/") && path.hasSuffix(".meta.xml"))
  }

  private static func notReinlined(_ path: String) -> Diagnostic {
    .warning(
      "unpacked-part-not-reinlined",
      "\(path) is a SolutionPackager file solpack does not merge back into customizations.xml yet; it and the other files of its folder are packed as parts at the same paths, which Dataverse ignores",
      entry: path,
      hint: "Unpack this solution with solpack, or pack it with pac, so the file is merged.")
  }
}
