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
    case ("workflows", _) where Self.endsWithJSON(path): self = .flowDefinition
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
    var path = path
    let ascii: (String, Bool)? = path.withUTF8 { bytes in
      guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
      let slash = UInt8(ascii: "/")
      let start = bytes.firstIndex { $0 != slash } ?? bytes.endIndex
      let end = bytes[start...].firstIndex(of: slash) ?? bytes.endIndex
      let segment = String(
        decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
      return (segment.lowercasedName, bytes.contains(slash))
    }
    if let (folder, nested) = ascii { return (folder, nested ? "" : folder) }
    // As `split(separator: "/").first` gave it, without splitting the whole path.
    let lower = path.lowercased()
    return (String(lower.drop(while: { $0 == "/" }).prefix(while: { $0 != "/" })), lower)
  }

  /// `path.lowercased().hasSuffix(".json")`, byte by byte for an ASCII path.
  private static func endsWithJSON(_ path: String) -> Bool {
    var path = path
    let ascii: Bool? = path.withUTF8 { bytes in
      guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
      return bytes.count >= 5
        && zip(bytes.suffix(5), ".json".utf8).allSatisfy { byte, expected in
          (0x41...0x5A).contains(byte) ? byte | 0x20 == expected : byte == expected
        }
    }
    return ascii ?? path.lowercased().hasSuffix(".json")
  }
}
