import Foundation
import SolpackArchive
import SolpackTestSupport

/// Builders for the catalogue's zip-level rows: the probe solution's entries, with one
/// lie put in by hand.
enum HostileArchives {
  static func probe() throws -> [ZipRawEntry] { try ProbeSolution().entries() }

  /// The probe's entries plus `extra`, or with the entry at `path` changed by `change`.
  static func adding(_ extra: ZipRawEntry...) throws -> Data {
    ZipRawArchive.build(try probe() + extra)
  }

  static func changing(_ path: String, _ change: (inout ZipRawEntry) throws -> Void) throws -> Data
  {
    var entries = try probe()
    let index = try entries.firstIndex { $0.name == Array(path.utf8) }.unwrap(path)
    try change(&entries[index])
    return ZipRawArchive.build(entries)
  }

  static func named(_ bytes: [UInt8], _ content: String = "escaped") -> ZipRawEntry {
    var entry = ZipRawEntry.stored("x", content)
    entry.name = bytes
    return entry
  }

  static func named(_ name: String, _ content: String = "escaped") -> ZipRawEntry {
    .stored(name, content)
  }

  /// A Unix entry with `mode` (type and permission bits) in its external attributes.
  static func unixEntry(_ name: String, mode: UInt32, content: String) -> ZipRawEntry {
    var entry = ZipRawEntry.stored(name, content)
    entry.versionMadeBy = 3 << 8 | 20
    entry.externalAttributes = mode << 16
    return entry
  }

  /// The non-recursive bomb's trick on a small scale: entry "Formulas/outer.bin" stores
  /// bytes that contain all of "Formulas/inner.bin" — its local header and data — so the
  /// inner entry's bytes are counted twice.
  static func overlapping() throws -> Data {
    let inner = ZipRawEntry.stored("Formulas/inner.bin", String(repeating: "bomb ", count: 200))
    let outer = ZipRawEntry.stored("Formulas/outer.bin", Data(ZipRawArchive.localRecord(inner)))
    var entries = try probe()
    let outerOffset = entries.reduce(0) { $0 + ZipRawArchive.localRecord($1).count }
    var pointer = inner
    pointer.offset = UInt32(outerOffset + 30 + outer.name.count)
    entries += [outer, pointer]
    // Inner has no local record of its own: its central record points inside outer's data.
    return ZipRawArchive.build(entries, localRecords: entries.count - 1)
  }

  /// `count` entries that each declare 1 MiB (exactly the size the ratio check starts
  /// above) but hold an empty deflate stream: many medium bombs instead of one big one.
  static func manyMediumBombs(count: Int) throws -> Data {
    var entries = try probe()
    for index in 0..<count {
      var entry = ZipRawEntry(
        name: Array("Formulas/b\(index).bin".utf8), method: 8, payload: [0x03, 0x00], crc: 0,
        uncompressedSize: 1 << 20)
      entry.crc = 0
      entries.append(entry)
    }
    return ZipRawArchive.build(entries)
  }

  /// `count` one-byte entries, with a ZIP64 end record since the classic count is 16 bits.
  static func tinyEntries(count: Int) throws -> Data {
    var entries = try probe()
    entries.reserveCapacity(count)
    for index in entries.count..<count {
      entries.append(.stored("Formulas/\(index)", "x"))
    }
    return ZipRawArchive.build(entries, zip64End: true)
  }

  /// The whole archive with a ZIP64 end record whose entry count is `count`.
  static func zip64EndClaiming(entries count: UInt64) throws -> Data {
    var bytes = [UInt8](ZipRawArchive.build(try probe(), zip64End: true))
    // ZIP64 end record: signature, size(8), made by, needed, disk(4), cd disk(4), then counts.
    let record = try ZipRawArchive.zip64EndOffset(bytes).unwrap("ZIP64 end record")
    for (field, at) in [(count, record + 24), (count, record + 32)] {
      for byte in 0..<8 { bytes[at + byte] = UInt8((field >> UInt64(8 * byte)) & 0xFF) }
    }
    return Data(bytes)
  }

  /// A ZIP64 locator, inserted before the end record, that points at offset 0 (a local
  /// header, not a ZIP64 end record).
  static func zip64LocatorPointingNowhere() throws -> Data {
    var bytes = [UInt8](ZipRawArchive.build(try probe()))
    var locator = LittleEndianBytes()
    locator.u32(0x0706_4b50)
    locator.u32(0)
    locator.u64(0)
    locator.u32(1)
    bytes.insert(contentsOf: locator.bytes, at: bytes.count - 22)
    return Data(bytes)
  }

  /// A 100 MB text node in customizations.xml that still deflates at about 100:1, under
  /// the ratio limit: the XML reader, not the zip reader, must stop it.
  static func hugeTextNode() throws -> Data {
    var chunk = Data()
    // 1 MiB: 8 KiB of varied text, then 'a's — enough entropy to keep the ratio honest.
    let varied = (0..<512).map { "v\($0 &* 2_654_435_761 % 1_000_003)," }.joined()
    chunk.append(Data(varied.utf8))
    chunk.append(Data(repeating: UInt8(ascii: "a"), count: (1 << 20) - varied.utf8.count))
    var text = Data("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ImportExportXml><Text>".utf8)
    for _ in 0..<100 { text.append(chunk) }
    text.append(Data("</Text></ImportExportXml>".utf8))
    return try ProbeSolution().with("customizations.xml", text).archive()
  }

  /// customizations.xml with elements nested `depth` deep.
  static func deepXML(depth: Int) throws -> Data {
    let open = String(repeating: "<a>", count: depth)
    let close = String(repeating: "</a>", count: depth)
    return try ProbeSolution().editing(
      "customizations.xml", replacing: "<Entities />", with: open + close
    ).archive()
  }

  static func withManifest(_ text: String) throws -> Data {
    try ProbeSolution().with("solution.xml", text).archive()
  }

  static func withManifest(replacing old: String, with new: String) throws -> Data {
    try ProbeSolution().editing("solution.xml", replacing: old, with: new).archive()
  }

  /// solution.xml with `doctype` put between the declaration and the root.
  static func withDoctype(_ doctype: String) throws -> Data {
    try withManifest(
      replacing: "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n",
      with: "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\(doctype)\n")
  }
}

extension Optional {
  func unwrap(_ what: String) throws -> Wrapped {
    guard let self else { throw CocoaError(.fileNoSuchFile, userInfo: ["what": what]) }
    return self
  }
}
