import Foundation
import SolpackModel
import Testing

@testable import SolpackArchive

@Suite struct ZipPrimitivesTests {
  @Test func crc32MatchesTheStandardCheckValue() {
    #expect(CRC32.checksum(Data("123456789".utf8)) == 0xCBF4_3926)
    #expect(CRC32.checksum(Data()) == 0)
    var incremental = CRC32()
    incremental.update(Data("1234".utf8))
    incremental.update(Data("56789".utf8))
    #expect(incremental.value == 0xCBF4_3926)
  }

  @Test func deflateRoundTrips() throws {
    for input in [
      Data(), Data("a".utf8), ZipFixtures.text(lines: 5000),
      ZipFixtures.randomData(count: 3 << 20),
    ] {
      let compressed = try Deflate.compress(input, level: 6)
      #expect(try Inflate.decompress(compressed, expectedSize: input.count) == input)
    }
    #expect(try Deflate.compress(Data(), level: 6) == Data([0x03, 0x00]))
  }

  @Test func inflateRefusesWrongSizesAndGarbage() throws {
    let input = ZipFixtures.text(lines: 100)
    let compressed = try Deflate.compress(input, level: 6)
    #expect(
      ZipFixtures.diagnosticID { _ = try Inflate.decompress(compressed, expectedSize: 10) }
        == "zip-size-mismatch")
    #expect(
      ZipFixtures.diagnosticID { _ = try Inflate.decompress(compressed, expectedSize: 1 << 20) }
        == "zip-size-mismatch")
    #expect(
      ZipFixtures.diagnosticID {
        _ = try Inflate.decompress(Data([0xFF, 0xFF, 0xFF, 0xFF]), expectedSize: 4)
      } == "zip-corrupt")
    #expect(
      ZipFixtures.diagnosticID {
        _ = try Inflate.decompress(
          compressed.prefix(compressed.count / 2), expectedSize: input.count)
      } == "zip-corrupt")
  }

  @Test(arguments: [
    "../x", "a/../x", "a/..", "/abs", "a\\b", "C:/x", "c:x", "a\u{0}b", "a\u{1F}b", "a\u{7F}",
    "a//b", "", "/", "./a", "a/./b", "\u{85}x",
  ])
  func unsafePathsAreRejected(path: String) {
    #expect(ZipPathPolicy.violation(in: path) != nil)
    let id = ZipFixtures.diagnosticID { try ZipPathPolicy.validate(path) }
    #expect(id?.hasPrefix("zip-unsafe-path") == true, "\(id ?? "nil")")
  }

  @Test(arguments: [
    "a", "solution.xml", "[Content_Types].xml", "Workflows/Flow-1234.json", "dir/", "a/b/c/",
    "..a/b..", "Ünïcödé/日本.txt", "a b/c d.txt",
  ])
  func safePathsAreAccepted(path: String) {
    #expect(ZipPathPolicy.violation(in: path) == nil)
  }

  /// '/' followed by a combining mark is one Character but still a separator to the
  /// file system: splitting on Characters let these through.
  @Test func aCombiningMarkAfterASeparatorHidesNothing() {
    #expect(ZipPathPolicy.check("../\u{301}x")?.id == "zip-unsafe-path-traversal")
    #expect(ZipPathPolicy.check("a/../\u{301}")?.id == "zip-unsafe-path-traversal")
    #expect(ZipPathPolicy.check("/\u{301}x")?.id == "zip-unsafe-path-absolute")
    #expect(ZipPathPolicy.check("./\u{301}x")?.id == "zip-unsafe-path")
    #expect(ZipPathPolicy.check("a/\u{301}b") == nil)
    #expect(ZipPathPolicy.check("\u{301}C:x") == nil)
    #expect(ZipPathPolicy.check("x/\u{85}")?.reason == "it contains the control character U+0085")
    #expect(ZipPathPolicy.check("\\C:\\x")?.reason == "it starts with a drive letter (C:)")
  }

  /// Which rule a malformed name breaks: a '..' anywhere is a traversal, even after an
  /// empty or '.' segment; otherwise the first empty or '.' segment is named.
  @Test(arguments: [
    ("a//b", "empty"), ("a//../b", "traversal"), ("./a/..", "traversal"), ("a/./b", "dot"),
    ("a/b/.", "dot"), ("a/b//", "empty"), ("a//./b", "empty"), ("a/.//b", "dot"),
    ("..", "traversal"), ("../", "traversal"), (".", "dot"), ("./", "dot"), ("a/...", "fine"),
    ("a/..b/.c", "fine"), ("a/b/", "fine"),
  ])
  func malformedSegmentsAreNamedInOrder(path: String, rule: String) {
    let violation = ZipPathPolicy.check(path)
    switch rule {
    case "traversal": #expect(violation?.id == "zip-unsafe-path-traversal")
    case "empty":
      #expect(violation?.reason == "it has an empty segment ('//' or a lone '/')")
    case "dot": #expect(violation?.reason == "it has a '.' segment")
    default: #expect(violation == nil)
    }
  }

  @Test func directoryNamesCanBeForbidden() {
    #expect(ZipPathPolicy.violation(in: "dir/", allowDirectory: false) != nil)
  }

  @Test func dosTimeEncodesUTCWithTwoSecondResolution() {
    let epoch = DOSDateTime.encode(DOSDateTime.epoch)
    #expect(epoch.time == 0 && epoch.date == 0x21)
    // 2024-02-29 13:45:31 UTC → 13:45:30.
    let leap = DOSDateTime.encode(Date(timeIntervalSince1970: 1_709_214_331))
    #expect(leap.date == UInt16((2024 - 1980) << 9 | 2 << 5 | 29))
    #expect(leap.time == UInt16(13 << 11 | 45 << 5 | 15))
    #expect(
      DOSDateTime.decode(time: leap.time, date: leap.date)
        == Date(timeIntervalSince1970: 1_709_214_330))
    // Out of range dates clamp instead of wrapping.
    #expect(DOSDateTime.encode(Date(timeIntervalSince1970: 0)) == epoch)
    let late = DOSDateTime.encode(Date(timeIntervalSince1970: 9_000_000_000))
    #expect(late.date >> 9 == 127)
  }

  @Test func sourceDateEpochSetsTheDefaultTimestamp() {
    let options = ZipWriter.Options.environmentTimestamp(["SOURCE_DATE_EPOCH": "1700000000"])
    #expect(options == Date(timeIntervalSince1970: 1_700_000_000))
    #expect(ZipWriter.Options.environmentTimestamp([:]) == DOSDateTime.epoch)
    #expect(
      ZipWriter.Options.environmentTimestamp(["SOURCE_DATE_EPOCH": "soon"]) == DOSDateTime.epoch)
  }

  @Test func namesDecodeAsUTF8OrCP437() {
    #expect(ZipNameCodec.cp437High.count == 128)
    #expect(ZipNameCodec.decode(Array("plain.txt".utf8), flags: 0) == "plain.txt")
    #expect(ZipNameCodec.decode(Array("Ünï.txt".utf8), flags: 0x800) == "Ünï.txt")
    #expect(ZipNameCodec.decode(Array("Ünï.txt".utf8), flags: 0) == "Ünï.txt")
    #expect(ZipNameCodec.decode([0x81, 0x2E, 0x74], flags: 0) == "ü.t")
    #expect(ZipNameCodec.decode([0x81, 0x2E, 0x74], flags: 0x800) == nil)
  }

  @Test func parallelMapKeepsOrderAndReportsTheFirstError() throws {
    let squares = try ParallelWork.map(count: 1000, concurrency: 4) { $0 * $0 }
    #expect(squares == (0..<1000).map { $0 * $0 })
    struct Failure: Error, Equatable { let index: Int }
    #expect(throws: Failure(index: 7)) {
      _ = try ParallelWork.map(count: 100, concurrency: 4) { index -> Int in
        if index == 7 || index == 50 { throw Failure(index: index) }
        return index
      }
    }
  }
}
