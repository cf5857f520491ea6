/// An XML document as found in a solution: the tree plus the prolog details
/// (BOM, declaration, line ends) that Dataverse and SolutionPackager differ on,
/// so a rewritten file keeps the style of its source.
public struct XMLFile: Sendable, Hashable {
  public var root: XMLElement
  public var hasByteOrderMark: Bool
  /// The raw declaration, e.g. `<?xml version="1.0" encoding="utf-8"?>`, or nil.
  public var declaration: String?
  /// `\r\n` (Dataverse exports) or `\n` (SolutionPackager trees).
  public var newline: String
  /// What follows the root element's end tag (usually nothing).
  public var trailer: String
  /// False for one-line documents such as `[Content_Types].xml`.
  public var isIndented: Bool

  public init(
    root: XMLElement, hasByteOrderMark: Bool = false, declaration: String? = nil,
    newline: String = "\r\n", trailer: String = "", isIndented: Bool = true
  ) {
    self.isIndented = isIndented
    self.root = root
    self.hasByteOrderMark = hasByteOrderMark
    self.declaration = declaration
    self.newline = newline
    self.trailer = trailer
  }

  /// The declaration SolutionPackager writes at the top of unpacked files.
  public static let standardDeclaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
}
