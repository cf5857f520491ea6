import CLibXML2
import Foundation
import SolpackModel

/// Parses XML with libxml2's pull reader into an `XMLFile`.
///
/// Safety (spike.md): only `XML_PARSE_NONET`; never `NOENT`, `DTDLOAD` or `HUGE`; any
/// DOCTYPE is refused before libxml2 sees the bytes, so no entity can be declared,
/// expanded or fetched. Depth and text size are bounded.
public enum XMLReader {
  public struct Limits: Sendable {
    public var maxDepth = 200  // below libxml2's own 256, so the message is ours
    public var maxTextLength = 64 << 20
    public init() {}
  }

  /// Rewrites each element at one path as it closes, before the next is read: the
  /// thousands of `<Workflow>`s of a large customizations.xml are slimmed one by one, so
  /// the whole tree is never held.
  public struct Condense: Sendable {
    /// Element names from the root: `["ImportExportXml", "Workflows", "Workflow"]`.
    public var path: [String]
    /// Which children of such an element to read, by name; the rest, and any text or
    /// comment directly in it, are passed over unread (libxml2 still checks them). Nil
    /// reads them all.
    public var keeps: (@Sendable (String) -> Bool)?
    public var transform: @Sendable (XMLElement) -> XMLElement

    public init(
      path: [String], keeps: (@Sendable (String) -> Bool)? = nil,
      transform: @escaping @Sendable (XMLElement) -> XMLElement
    ) {
      self.path = path
      self.keeps = keeps
      self.transform = transform
    }
  }

  private static let initialized: Bool = {
    xmlInitParser()
    return true
  }()

  public static func parse(
    _ data: Data, entry: String, limits: Limits = Limits(), condense: Condense? = nil
  ) throws -> XMLFile {
    try parse(data, entry: entry, limits: limits, condense: condense, readers: .shared)
  }

  /// `readers` is the pool a test owns, so that threads of other tests cannot take or
  /// give back its readers while it counts them.
  static func parse(
    _ data: Data, entry: String, limits: Limits = Limits(), condense: Condense? = nil,
    readers: ReaderPool
  ) throws -> XMLFile {
    _ = initialized
    let prolog = try XMLProlog.scan(data, entry: entry)
    let options = Int32(
      XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
    var root: XMLElement = try data.withUnsafeBytes { raw in
      guard let base = raw.baseAddress, raw.count > 0 else {
        throw failure(entry, "is empty", id: "xml-malformed")
      }
      let bytes = base.assumingMemoryBound(to: CChar.self)
      guard let reader = readers.reader(for: bytes, Int32(raw.count), entry, options)
      else {
        throw failure(entry, "could not be opened by the XML parser", id: "xml-malformed")
      }
      var read = false
      // A reader that stopped on an error is never reused: the next document gets a
      // fresh one, and with it exactly the errors it would have had alone.
      defer { read ? readers.give(reader) : xmlFreeTextReader(reader) }
      let root = try TreeBuilder(reader: reader, entry: entry, limits: limits, condense: condense)
        .build()
      read = true
      return root
    }
    // libxml2 reports namespace declarations before other attributes; Dataverse puts
    // xmlns:xsi in the middle or at the end, so restore the order written.
    root.attributes = XMLProlog.sourceOrder(of: root.attributes, startTagOf: root.name, in: data)
    let indented =
      root.children.isEmpty
      || root.children.contains {
        if case .text(let text) = $0 { return text.utf8.contains(0x0A) }
        return false
      }
    root = TreeBuilder.trimmed(root)
    return XMLFile(
      root: root, hasByteOrderMark: prolog.hasByteOrderMark, declaration: prolog.declaration,
      newline: prolog.newline, trailer: prolog.trailer, isIndented: indented)
  }

  static func failure(_ entry: String, _ what: String, id: String, hint: String? = nil)
    -> DiagnosticError
  {
    DiagnosticError(
      .error(
        id, "\(entry) \(what)", entry: entry,
        hint: hint ?? "Export the solution again, or fix the XML so that it is well-formed."))
  }
}

/// Readers kept for the next document: an import parses thousands of small env var and
/// credential files, and setting up a new libxml2 reader (parser context, dictionary,
/// buffers) for each cost more than reading it. `xmlReaderNewMemory` resets a finished
/// reader onto new bytes with the same options (no network, no entities, no DTD).
final class ReaderPool: Sendable {
  static let shared = ReaderPool()
  private let idle = IdlePool<xmlTextReaderPtr>()

  /// A reader on `bytes`: a kept one reset onto them, else a new one; nil if libxml2
  /// cannot open them.
  func reader(
    for bytes: UnsafePointer<CChar>, _ count: Int32, _ entry: String, _ options: Int32
  ) -> xmlTextReaderPtr? {
    if let kept = idle.take() {
      // A reset reader does not detect a UTF-8 byte order mark as a new one does (it
      // reports "Document is empty"); it only says what a new reader skips anyway.
      let raw = UnsafeRawBufferPointer(start: bytes, count: Int(count))
      let bom = raw.starts(with: [0xEF, 0xBB, 0xBF])
      let start = bom ? bytes + 3 : bytes
      if xmlReaderNewMemory(kept, start, bom ? count - 3 : count, entry, nil, options) == 0 {
        return kept
      }
      xmlFreeTextReader(kept)
    }
    return xmlReaderForMemory(bytes, count, entry, nil, options)
  }

  /// Takes back a reader that read its document to the end.
  func give(_ reader: xmlTextReaderPtr) {
    if !idle.give(reader) { xmlFreeTextReader(reader) }
  }

  deinit {
    for reader in idle.drain() { xmlFreeTextReader(reader) }
  }

  /// How many readers wait to be reused (for tests).
  var idleCount: Int { idle.idleCount }
}

/// Walks the pull reader and assembles the tree, one open element per depth.
private struct TreeBuilder {
  let reader: xmlTextReaderPtr
  let entry: String
  let limits: XMLReader.Limits
  let condense: XMLReader.Condense?

  func build() throws -> XMLElement {
    var stack: [XMLElement] = []
    var root: XMLElement?
    var status = xmlTextReaderRead(reader)
    while status != 0 {
      if status < 0 { throw parseError() }
      // Set when a node was passed over: the reader already stands on the next one.
      var next: Int32?
      let type = xmlTextReaderNodeType(reader)
      switch type {
      case 1:  // element
        guard root == nil else {
          throw XMLReader.failure(entry, "has content after its root element", id: "xml-malformed")
        }
        guard stack.count < limits.maxDepth else {
          throw XMLReader.failure(
            entry, "nests elements deeper than \(limits.maxDepth) levels", id: "xml-too-deep")
        }
        let name = string(xmlTextReaderConstName(reader))
        if let keeps = condensing(stack), !keeps(name) {
          stack[stack.count - 1].writesEmptyAsPair = false
          next = xmlTextReaderNext(reader)
          break
        }
        var element = XMLElement(name)
        element.attributes = readAttributes()
        if xmlTextReaderIsEmptyElement(reader) == 1 {
          try close(element, &stack, &root)
        } else {
          element.writesEmptyAsPair = true
          stack.append(element)
        }
      case 15:  // end element
        guard var element = stack.popLast() else { throw parseError() }
        if !element.children.isEmpty { element.writesEmptyAsPair = false }
        try close(element, &stack, &root)
      case 3, 13, 14:  // text, whitespace, significant whitespace
        // Whitespace around the root lives in the prolog.
        guard !stack.isEmpty, condensing(stack) == nil else { break }
        let value = string(xmlTextReaderConstValue(reader))
        guard value.utf8.count <= limits.maxTextLength else {
          throw XMLReader.failure(
            entry, "holds a text node over \(limits.maxTextLength) bytes", id: "xml-too-large")
        }
        stack[stack.count - 1].children.append(.text(value))
      case 4:
        if !stack.isEmpty, condensing(stack) == nil {
          stack[stack.count - 1].children.append(.cdata(string(xmlTextReaderConstValue(reader))))
        }
      case 8:
        if !stack.isEmpty, condensing(stack) == nil {
          stack[stack.count - 1].children.append(.comment(string(xmlTextReaderConstValue(reader))))
        }
      case 7:
        if !stack.isEmpty, condensing(stack) == nil {
          let target = string(xmlTextReaderConstName(reader))
          let data = string(xmlTextReaderConstValue(reader))
          stack[stack.count - 1].children.append(.processingInstruction(target: target, data: data))
        }
      case 5, 10:  // entity reference, document type
        throw XMLReader.failure(
          entry, "declares or references entities", id: "xml-doctype-refused",
          hint: "Solution XML never needs a DOCTYPE or entities; remove them.")
      default:
        break
      }
      status = next ?? xmlTextReaderRead(reader)
    }
    guard let root, stack.isEmpty else { throw parseError() }
    return root
  }

  /// What to keep of the children of the innermost open element, when it is one being
  /// condensed with `keeps`.
  private func condensing(_ stack: [XMLElement]) -> (@Sendable (String) -> Bool)? {
    guard let condense, let keeps = condense.keeps, let last = stack.last,
      condense.matches(last.name, under: stack.dropLast())
    else { return nil }
    return keeps
  }

  private func close(_ element: XMLElement, _ stack: inout [XMLElement], _ root: inout XMLElement?)
    throws
  {
    if stack.isEmpty {
      root = element  // the caller reads the root's layout before trimming it
    } else if let condense, condense.matches(element.name, under: stack) {
      stack[stack.count - 1].children.append(.element(condense.transform(Self.trimmed(element))))
    } else {
      stack[stack.count - 1].children.append(.element(Self.trimmed(element)))
    }
  }

  /// Drops the indentation between child elements: the writer makes it anew, and a
  /// large customizations.xml holds more of it than of anything else.
  static func trimmed(_ element: XMLElement) -> XMLElement {
    guard element.children.count > 1, XMLWriter.isElementOnly(element) else { return element }
    var element = element
    element.children.removeAll {
      // Bytes, not `contains("\n")`: Foundation's substring search took a quarter of
      // the time spent parsing customizations.xml.
      if case .text(let text) = $0 { return text.utf8.contains(0x0A) }
      return false
    }
    return element
  }

  private func readAttributes() -> [XMLAttribute] {
    var attributes: [XMLAttribute] = []
    while xmlTextReaderMoveToNextAttribute(reader) == 1 {
      attributes.append(
        XMLAttribute(
          string(xmlTextReaderConstName(reader)), string(xmlTextReaderConstValue(reader))))
    }
    xmlTextReaderMoveToElement(reader)
    return attributes
  }

  private func parseError() -> DiagnosticError {
    var detail = "is not well-formed XML"
    var id = "xml-malformed"
    if let error = xmlGetLastError(), let message = error.pointee.message {
      let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
      detail += " (line \(error.pointee.line): \(text))"
      // libxml2 stops at 256 levels on its own, sometimes before we see the depth; and at
      // 10 MB of text (no XML_PARSE_HUGE) before our own text limit.
      if text.contains("Excessive depth") { id = "xml-too-deep" }
      if text.contains("huge text node") || text.contains("Huge input lookup") {
        id = "xml-too-large"
      }
      if text.contains("not proper UTF-8")
        || error.pointee.code == XML_ERR_INVALID_ENCODING.rawValue
      {
        id = "xml-invalid-utf8"
      }
    }
    return XMLReader.failure(entry, detail, id: id)
  }

  private func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
    guard let pointer else { return "" }
    return String(cString: pointer)
  }
}

extension XMLReader.Condense {
  /// True for an element named `path.last` whose open ancestors are the rest of `path`.
  fileprivate func matches(_ name: String, under stack: some Collection<XMLElement>) -> Bool {
    stack.count == path.count - 1 && name == path.last
      && zip(stack, path).allSatisfy { $0.name == $1 }
  }
}
