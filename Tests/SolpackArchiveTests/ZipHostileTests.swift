import Foundation
import SolpackModel
import SolpackTestSupport
import Testing

@testable import SolpackArchive

/// Every hostile or broken archive must fail with its own stable diagnostic id, at open
/// time when the central directory already tells, and never by producing unbounded data.
@Suite struct ZipHostileTests {
  static func id(_ entries: [ZipRawEntry], limits: ZipLimits = .default) throws -> String? {
    try ZipFixtures.openAndReadAll(ZipRawArchive.build(entries), limits: limits)
  }

  static func named(_ name: [UInt8]) -> ZipRawEntry {
    var entry = ZipRawEntry.stored("x", "data")
    entry.name = name
    return entry
  }

  /// Each kind of escape has its own id; the checks run in this order: drive before
  /// backslash (`C:\x`), backslash before traversal (`..\x`).
  @Test(
    arguments: [
      ("../x", "traversal"), ("a/../../etc/passwd", "traversal"), ("/abs", "absolute"),
      ("/", "absolute"), ("a\\b", "backslash"), ("..\\x", "backslash"),
      ("\\\\host\\s", "backslash"),
      ("C:/x", "drive"), ("C:\\x", "drive"), ("c:x", "drive"), ("a//b", nil), ("a/./b", nil),
    ] as [(String, String?)])
  func unsafeNames(name: String, kind: String?) throws {
    let id = kind.map { "zip-unsafe-path-\($0)" } ?? "zip-unsafe-path"
    #expect(try Self.id([.stored(name, "data")]) == id)
  }

  @Test func nulAndControlCharactersInNames() throws {
    #expect(try Self.id([Self.named(Array("a\u{0}b".utf8))]) == "zip-unsafe-path-control")
    #expect(try Self.id([Self.named(Array("a\nb".utf8))]) == "zip-unsafe-path-control")
    #expect(try Self.id([Self.named([])]) == "zip-unsafe-path")
  }

  @Test func unsafeDirectoryEntries() throws {
    #expect(try Self.id([.stored("../", "")]) == "zip-unsafe-path-traversal")
  }

  @Test func symlinksAndSpecialFiles() throws {
    func unix(_ mode: UInt32) -> ZipRawEntry {
      var entry = ZipRawEntry.stored("link", "/etc/passwd")
      entry.versionMadeBy = 3 << 8 | 20
      entry.externalAttributes = mode << 16
      return entry
    }
    #expect(try Self.id([unix(0o120777)]) == "zip-symlink-entry")
    #expect(try Self.id([unix(0o060644)]) == "zip-special-entry")
    #expect(try Self.id([unix(0o100644)]) == nil)
    #expect(try Self.id([unix(0)]) == nil)  // no type bits: a plain file
  }

  /// Names one file on Windows and macOS: different case, or é composed and decomposed.
  @Test func namesThatCollideOnCaseInsensitiveFileSystems() throws {
    #expect(try Self.id([.stored("A.xml", "1"), .stored("a.XML", "2")]) == "zip-case-collision")
    #expect(
      try Self.id([.stored("caf\u{E9}", "1"), .stored("cafe\u{301}", "2")]) == "zip-case-collision")
    #expect(try Self.id([.stored("d/", ""), .stored("D/", "")]) == "zip-case-collision")
  }

  /// The ASCII shortcut folds exactly as normalization and `lowercased()` do, and an
  /// ASCII name still collides with a non-ASCII one that folds to it (Kelvin sign).
  @Test func foldingTakesTheASCIIShortcutWithoutChangingKeys() throws {
    for name in ["Workflows/Flow-ABC.json", "a/B/c", "[Content_Types].xml", "x@Z~`{}", ""] {
      #expect(
        ZipEntryValidator.fold(name) == name.precomposedStringWithCanonicalMapping.lowercased())
    }
    #expect(
      try Self.id([.stored("\u{212A}.xml", "1"), .stored("k.xml", "2")]) == "zip-case-collision")
  }

  @Test func fileWhereAFolderMustBe() throws {
    #expect(try Self.id([.stored("a", "1"), .stored("a/b", "2")]) == "zip-path-conflict")
    #expect(try Self.id([.stored("A/b", "2"), .stored("a", "1")]) == "zip-path-conflict")
    #expect(try Self.id([.stored("a", "1"), .stored("a/", "")]) == "zip-path-conflict")
    #expect(try Self.id([.stored("a/", ""), .stored("a/b", "2")]) == nil)
  }

  /// Names that sort between a file and the names under it ('-' and '.' come before
  /// '/') hide no conflict, and make none.
  @Test func fileWhereAFolderMustBeAmongNeighbours() throws {
    let neighbours: [ZipRawEntry] = [
      .stored("a-x", "1"), .stored("a.x", "2"), .stored("a0/y", "3"), .stored("b/a", "4"),
    ]
    #expect(try Self.id(neighbours + [.stored("a", "5")]) == nil)
    #expect(
      try Self.id(neighbours + [.stored("a", "5"), .stored("A/x/y", "6")]) == "zip-path-conflict")
    #expect(
      try Self.id([.stored("X/A/b/c", "1")] + neighbours + [.stored("x/a", "2")])
        == "zip-path-conflict")
    #expect(try Self.id(neighbours + [.stored("b", "5")]) == "zip-path-conflict")
  }

  /// Two central records whose data share bytes: the non-recursive zip bomb's trick.
  @Test func overlappingEntries() throws {
    let inner = ZipRawEntry.stored("inner", String(repeating: "x", count: 100))
    let outer = ZipRawEntry.stored("outer", Data(ZipRawArchive.localRecord(inner)))
    var pointer = inner
    pointer.offset = UInt32(30 + outer.name.count)
    let archive = ZipRawArchive.build([outer, pointer], localRecords: 1)
    #expect(try ZipFixtures.openAndReadAll(archive) == "zip-overlapping-entries")
  }

  @Test func localHeaderThatDisagrees() throws {
    var renamed = ZipRawEntry.stored("safe.txt", "data")
    renamed.localName = Array("../evil.txt-longer".utf8)
    #expect(try Self.id([renamed]) == "zip-header-mismatch")
    var method = try ZipRawEntry.deflated("m.txt", ZipFixtures.text(lines: 10))
    method.localMethod = 0
    #expect(try Self.id([method]) == "zip-header-mismatch")
  }

  @Test func zip64FieldsThatLie() throws {
    var missing = ZipRawEntry.stored("a.txt", "data")
    missing.uncompressedSize = 0xFFFF_FFFF  // says "see ZIP64", has no ZIP64 field
    #expect(try Self.id([missing]) == "zip-zip64-invalid")
    var short = ZipRawEntry.stored("a.txt", "data")
    short.uncompressedSize = 0xFFFF_FFFF
    short.compressedSize = 0xFFFF_FFFF
    short.extra = [0x01, 0x00, 0x08, 0x00, 4, 0, 0, 0, 0, 0, 0, 0]  // one value, two needed
    #expect(try Self.id([short]) == "zip-zip64-invalid")
    var bytes = [UInt8](ZipRawArchive.build([.stored("a.txt", "data")], zip64End: true))
    let record = try #require(ZipRawArchive.zip64EndOffset(bytes))
    bytes[record + 24 + 5] = 1  // 2^40 entries, in both count fields
    bytes[record + 32 + 5] = 1
    #expect(try ZipFixtures.openAndReadAll(Data(bytes)) == "zip-zip64-invalid")
  }

  /// A whole central directory with nothing after it is not a truncated download.
  @Test func missingEndRecord() throws {
    let archive = ZipRawArchive.build([.stored("a.txt", "data"), .stored("b.txt", "more")])
    #expect(try ZipFixtures.openAndReadAll(archive.dropLast(22)) == "zip-end-record-missing")
    #expect(try ZipFixtures.openAndReadAll(archive.dropLast(23)) == "zip-truncated")
  }

  @Test func duplicateNames() throws {
    #expect(try Self.id([.stored("a.xml", "1"), .stored("a.xml", "2")]) == "zip-duplicate-entry")
  }

  @Test func encryptedEntries() throws {
    var entry = ZipRawEntry.stored("secret.xml", "data")
    entry.flags = 0x0001
    #expect(try Self.id([entry]) == "zip-encrypted-entry")
  }

  @Test func unsupportedMethod() throws {
    var entry = ZipRawEntry.stored("bzip2.xml", "data")
    entry.method = 12
    #expect(try Self.id([entry]) == "zip-unsupported-method")
  }

  @Test func wrongCRC() throws {
    var stored = ZipRawEntry.stored("a.xml", "data")
    stored.crc &+= 1
    #expect(try Self.id([stored]) == "zip-crc-mismatch")
    var deflated = try ZipRawEntry.deflated("b.xml", ZipFixtures.text(lines: 100))
    deflated.crc &+= 1
    #expect(try Self.id([deflated]) == "zip-crc-mismatch")
  }

  @Test func declaredSizeSmallerThanInflatedData() throws {
    var entry = try ZipRawEntry.deflated("liar.xml", ZipFixtures.text(lines: 5000))
    entry.uncompressedSize = 10
    #expect(try Self.id([entry]) == "zip-size-mismatch")
    // The reader must stop at the declared size, not hand out the whole payload.
    try ZipFixtures.withTemporaryDirectory { folder in
      let url = folder.appendingPathComponent("liar.zip")
      try ZipRawArchive.build([entry]).write(to: url)
      let reader = try ZipReader(url: url)
      var seen = 0
      #expect(throws: DiagnosticError.self) {
        try reader.stream(reader.entries[0]) { seen += $0.count }
      }
      #expect(seen <= 10)
    }
  }

  @Test func declaredSizeLargerThanInflatedData() throws {
    var entry = try ZipRawEntry.deflated("short.xml", ZipFixtures.text(lines: 50))
    entry.uncompressedSize += 1
    #expect(try Self.id([entry]) == "zip-size-mismatch")
  }

  @Test func storedSizesThatDisagree() throws {
    var entry = ZipRawEntry.stored("a.xml", "data")
    entry.uncompressedSize = 3
    #expect(try Self.id([entry]) == "zip-corrupt")
  }

  @Test func garbageDeflateData() throws {
    let entry = ZipRawEntry(
      name: Array("bad.xml".utf8), method: 8, payload: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
      crc: 0, uncompressedSize: 100)
    #expect(try Self.id([entry]) == "zip-corrupt")
  }

  @Test func localNameDiffersFromCentralName() throws {
    var entry = ZipRawEntry.stored("safe.txt", "data")
    entry.localName = Array("../evil".utf8)
    #expect(try Self.id([entry]) == "zip-corrupt")
  }

  @Test func offsetsPointingOutsideTheData() throws {
    var bytes = [UInt8](ZipRawArchive.build([.stored("a.txt", "data")]))
    let central = ZipWriterTests.centralHeaderOffsets(bytes)[0]
    bytes[central + 42] = 0xF0  // local header offset → far beyond the central directory
    #expect(try ZipFixtures.openAndReadAll(Data(bytes)) == "zip-corrupt")
    bytes = [UInt8](ZipRawArchive.build([.stored("a.txt", "data"), .stored("b.txt", "data")]))
    let second = ZipWriterTests.centralHeaderOffsets(bytes)[1]
    bytes[second + 42] = 1  // points into the middle of the first entry
    #expect(try ZipFixtures.openAndReadAll(Data(bytes)) == "zip-overlapping-entries")
  }

  /// A ZIP64 offset near 2^64: the checks report it, and the layout worked out meanwhile
  /// from the unchecked entries (`ZipCentralDirectory.read`) does not trap on overflow.
  @Test func offsetThatOverflows() throws {
    var entry = ZipRawEntry.stored("b.txt", "data")
    entry.offset = 0xFFFF_FFFF
    entry.extra = [0x01, 0x00, 0x08, 0x00, 0xF0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
    #expect(try Self.id([.stored("a.txt", "data"), entry]) == "zip-corrupt")
    #expect(try Self.id([entry, .stored("a.txt", "data")]) == "zip-corrupt")
  }

  @Test func truncatedArchives() throws {
    let archive = ZipRawArchive.build([
      try .deflated("a.xml", ZipFixtures.text(lines: 2000)), .stored("b.txt", "tail"),
    ])
    for length in [archive.count / 2, archive.count - 1, archive.count - 10, 10] {
      #expect(
        try ZipFixtures.openAndReadAll(archive.prefix(length)) == "zip-truncated", "\(length)")
    }
  }

  @Test func emptyAndNonZipFiles() throws {
    #expect(try ZipFixtures.openAndReadAll(Data()) == "zip-empty-file")
    let text = Data("<ImportExportXml>this is not a zip</ImportExportXml>\n".utf8)
    #expect(try ZipFixtures.openAndReadAll(text) == "zip-not-an-archive")
    #expect(
      try ZipFixtures.openAndReadAll(ZipFixtures.randomData(count: 100_000)) == "zip-not-an-archive"
    )
  }

  @Test func directoriesAndMissingFiles() throws {
    try ZipFixtures.withTemporaryDirectory { folder in
      #expect(ZipFixtures.diagnosticID { _ = try ZipReader(url: folder) } == "zip-not-an-archive")
      let missing = folder.appendingPathComponent("missing.zip")
      #expect(ZipFixtures.diagnosticID { _ = try ZipReader(url: missing) } == "zip-read-failed")
    }
  }

  @Test func tooManyEntries() throws {
    let entries = (0..<10).map { ZipRawEntry.stored("f\($0).txt", "x") }
    #expect(try Self.id(entries, limits: ZipLimits(maxEntryCount: 9)) == "zip-too-many-entries")
    #expect(try Self.id(entries, limits: ZipLimits(maxEntryCount: 10)) == nil)
  }

  @Test func entryTooLarge() throws {
    let entry = try ZipRawEntry.deflated("big.txt", ZipFixtures.text(lines: 1000))
    let limits = ZipLimits(maxEntryUncompressedSize: 1000)
    #expect(try Self.id([entry], limits: limits) == "zip-entry-too-large")
  }

  @Test func totalTooLarge() throws {
    let entries = try (0..<5).map {
      try ZipRawEntry.deflated("f\($0).txt", ZipFixtures.text(lines: 100))
    }
    let total = entries.reduce(UInt64(0)) { $0 + UInt64($1.uncompressedSize) }
    #expect(
      try Self.id(entries, limits: ZipLimits(maxTotalUncompressedSize: total - 1))
        == "zip-total-too-large")
    #expect(try Self.id(entries, limits: ZipLimits(maxTotalUncompressedSize: total)) == nil)
  }

  @Test func compressionRatioBomb() throws {
    let zeros = Data(count: 20 << 20)
    let entry = try ZipRawEntry.deflated("zeros.bin", zeros)
    #expect(
      try Self.id([entry], limits: ZipLimits(maxCompressionRatio: 100)) == "zip-compression-ratio")
    // Small entries are exempt: ratios of tiny files mean nothing.
    let small = try ZipRawEntry.deflated("small.bin", Data(count: 1 << 20))
    #expect(try Self.id([small], limits: ZipLimits(maxCompressionRatio: 100)) == nil)
  }

  @Test func centralDirectoryClaimsTooManyEntries() throws {
    var bytes = [UInt8](ZipRawArchive.build([.stored("a.txt", "data")]))
    let end = bytes.count - 22
    bytes[end + 8] = 5  // entries on disk
    bytes[end + 10] = 5  // total entries
    #expect(try ZipFixtures.openAndReadAll(Data(bytes)) == "zip-corrupt")
  }

  @Test func splitArchivesAreRefused() throws {
    var bytes = [UInt8](ZipRawArchive.build([.stored("a.txt", "data")]))
    bytes[bytes.count - 22 + 4] = 1  // number of this disk
    #expect(try ZipFixtures.openAndReadAll(Data(bytes)) == "zip-multi-disk")
  }
}
