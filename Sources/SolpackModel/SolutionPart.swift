/// An archive entry, with the kind of component it belongs to. Parts solpack does not
/// type (entities' files, canvas apps, connectors, web resources, …) are kept byte
/// for byte; this records only where they are and how big.
public struct SolutionPart: Sendable, Hashable {
  public var path: String
  public var size: UInt64
  public var kind: PartKind

  public init(path: String, size: UInt64, kind: PartKind) {
    self.path = path
    self.size = size
    self.kind = kind
  }
}

public enum PartKind: String, Sendable, Hashable, Codable, CaseIterable {
  case manifest = "solution-manifest"
  case customizations
  case contentTypes = "content-types"
  case flowDefinition = "flow-definition"
  case workflowDefinition = "workflow-definition"
  case environmentVariable = "environment-variable"
  case credential
  case connector
  case canvasApp = "canvas-app"
  case webResource = "web-resource"
  case formula
  case desktopFlowBinary = "desktop-flow-binary"
  case pluginAssembly = "plugin-assembly"
  case bot
  case other

  /// Classifies an archive path by its folder and name.
  public init(path: String) {
    let (folder, lower) = Self.folderAndName(path)
    switch (folder, lower) {
    case (_, "solution.xml"): self = .manifest
    case (_, "customizations.xml"): self = .customizations
    case (_, "[content_types].xml"): self = .contentTypes
    case ("workflows", _) where path.lowercasedName.hasSuffix(".json"): self = .flowDefinition
    case ("workflows", _): self = .workflowDefinition
    case ("environmentvariabledefinitions", _): self = .environmentVariable
    case ("credentials", _): self = .credential
    case ("connector", _), ("connectors", _): self = .connector
    case ("canvasapps", _): self = .canvasApp
    case ("webresources", _): self = .webResource
    case ("formulas", _): self = .formula
    case ("desktopflowbinaries", _): self = .desktopFlowBinary
    case ("pluginassemblies", _): self = .pluginAssembly
    case ("bots", _), ("botcomponents", _): self = .bot
    default: self = .other
    }
  }

  /// The first segment that is not empty, lowercased, and the whole path lowercased
  /// (only for a root file: the other cases never read it).
  /// An ASCII path is split and lowered byte by byte: lowercasing every whole path and
  /// walking it Character by Character cost 3 % of a 10,000-entry import.
  private static func folderAndName(_ path: String) -> (folder: String, lower: String) {
    guard path.isASCII else {
      // As `split(separator: "/").first` gave it, without splitting the whole path.
      let lower = path.lowercased()
      return (String(lower.drop(while: { $0 == "/" }).prefix(while: { $0 != "/" })), lower)
    }
    var path = path
    return path.withUTF8 { bytes in
      let slash = UInt8(ascii: "/")
      let start = bytes.firstIndex { $0 != slash } ?? bytes.endIndex
      let end = bytes[start...].firstIndex(of: slash) ?? bytes.endIndex
      let folder = String(
        decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self
      ).lowercasedName
      return (folder, bytes.contains(slash) ? "" : folder)
    }
  }
}
