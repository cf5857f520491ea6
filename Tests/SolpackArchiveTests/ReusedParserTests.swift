import Foundation
import SolpackModel
import Testing

@testable import SolpackArchive

/// Readers and inflate streams are reused from one document or entry to the next
/// (`ReaderPool`, `StreamPool`): a reused one must give what a fresh one gives, results
/// and errors alike, including right after a document or entry that failed.
@Suite struct ReusedParserTests {
  static let documents: [(String, Data)] = [
    ("plain.xml", Data("<a x=\"1\"><b>text</b><c/></a>".utf8)),
    (
      "bom.xml",
      Data([0xEF, 0xBB, 0xBF]) + Data("<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<r>é</r>".utf8)
    ),
    (
      "latin1.xml",
      Data("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf".utf8) + Data([0xE9])
        + Data("</a>".utf8)
    ),
    ("broken.xml", Data("<a><b></a>".utf8)),
    ("after-root.xml", Data("<a/><b/>".utf8)),
    ("bad-utf8.xml", Data("<a>".utf8) + Data([0xC3, 0x28]) + Data("</a>".utf8)),
    (
      "deep.xml",
      Data((String(repeating: "<d>", count: 201) + String(repeating: "</d>", count: 201)).utf8)
    ),
    ("indented.xml", Data("<root>\n  <x a=\"1\" />\n  <y>t</y>\n</root>\n".utf8)),
  ]

  /// The outcome of one parse, comparable: the file, or the diagnostic it threw.
  static func outcome(_ data: Data, _ entry: String, readers: ReaderPool = .shared) -> String {
    do {
      let file = try XMLReader.parse(data, entry: entry, readers: readers)
      return "\(file)"
    } catch let error as DiagnosticError {
      return "\(error.diagnostic.id): \(error.diagnostic.message)"
    } catch {
      return "\(error)"
    }
  }

  @Test func aReusedReaderReadsAsAFreshOneDoesInEveryOrder() {
    // The test's own pools: other tests' threads share `.shared` and could take a
    // reader from it between two lines here (CI once saw its idle count at 0).
    // Each document once alone (a fresh reader: a new, empty pool) ...
    var alone: [String: String] = [:]
    for (entry, data) in Self.documents {
      alone[entry] = Self.outcome(data, entry, readers: ReaderPool())
    }
    #expect(alone["bom.xml"]?.contains("é") == true)
    #expect(alone["latin1.xml"]?.contains("café") == true)
    #expect(alone["broken.xml"]?.hasPrefix("xml-malformed") == true)
    #expect(alone["deep.xml"]?.hasPrefix("xml-too-deep") == true)
    // ... then one after another, forwards and backwards, twice: every document follows
    // a successful one and a failed one on a reader that may have been reused.
    let readers = ReaderPool()
    let sequence = Self.documents + Self.documents.reversed() + Self.documents
    for (entry, data) in sequence {
      #expect(
        Self.outcome(data, entry, readers: readers) == alone[entry],
        "\(entry) differs when read after others")
    }
    // One reader, kept after each document read to its end and reused for the next.
    #expect(readers.idleCount == 1)
  }

  @Test func readersAreReusedAcrossThreads() throws {
    let documents = Self.documents
    let expected = documents.map { Self.outcome($0.1, $0.0) }
    let results = try ParallelWork.map(count: 400, concurrency: 4) { index in
      let (entry, data) = documents[index % documents.count]
      return Self.outcome(data, entry)
    }
    for (index, result) in results.enumerated() {
      #expect(result == expected[index % documents.count])
    }
  }

  @Test func aReusedInflateStreamInflatesAsAFreshOneDoes() throws {
    let inputs = [
      ZipFixtures.text(lines: 50), Data(), ZipFixtures.randomData(count: 300 << 10),
      Data("a".utf8), ZipFixtures.text(lines: 20_000),
    ]
    let compressed = try inputs.map { try Deflate.compress($0, level: 6) }
    // The test's own pool, for the reason in the first test.
    let streams = StreamPool()
    for round in 0..<3 {
      for (input, deflated) in zip(inputs, compressed) {
        #expect(
          try Inflate.decompress(deflated, expectedSize: input.count, streams: streams) == input)
        // A failed entry in between: cut short, then garbage, then a lying size.
        if input.count > 100 {
          #expect(
            ZipFixtures.diagnosticID {
              _ = try Inflate.decompress(
                deflated.prefix(deflated.count / 2), expectedSize: input.count, streams: streams)
            } == "zip-corrupt")
        }
        #expect(
          ZipFixtures.diagnosticID {
            _ = try Inflate.decompress(
              Data([0xFF, 0xFF, 0xFF, 0xFF]), expectedSize: 4, streams: streams)
          } == "zip-corrupt")
        if input.count > 10 {
          #expect(
            ZipFixtures.diagnosticID {
              _ = try Inflate.decompress(deflated, expectedSize: 10, streams: streams)
            }
              == "zip-size-mismatch", "round \(round)")
        }
      }
    }
    // Failed entries give their stream back too (reset), so one stream served them all.
    #expect(streams.idleCount == 1)
  }
}
