import Foundation
import SolpackTestSupport
import Testing

@testable import SolpackArchive

/// An archive's two readers inflate a shared entry once between them, and read the
/// same bytes as without the handoff.
@Suite struct EntryHandoffTests {
  private func archive(_ folder: TestFolder) throws -> URL {
    let items = ["Workflows/a.json", "Workflows/b.json", "Other/part.bin"].enumerated().map {
      ZipWriter.Item(
        path: $0.element, source: .data(Data(repeating: UInt8(65 + $0.offset), count: 1000)))
    }
    let url = folder.path("a.zip")
    try ZipWriter.write(items, to: url, options: .fromEnvironment())
    return url
  }

  @Test func theSecondReadTakesWhatTheFirstInflated() throws {
    let folder = TestFolder()
    let plain = try ArchiveSource(url: archive(folder))
    var shared = plain
    let handoff = EntryHandoff(budget: 1 << 20) { $0.hasPrefix("Workflows/") }
    shared.handoff = handoff
    let first = try shared.read("Workflows/a.json")
    #expect(handoff.heldBytes == 1000)
    #expect(try shared.read("Workflows/a.json") == first)
    #expect(handoff.heldBytes == 0)
    #expect(first == (try plain.read("Workflows/a.json")))
    // Not shared: never held.
    _ = try shared.read("Other/part.bin")
    #expect(handoff.heldBytes == 0)
  }

  @Test func nothingIsHeldPastTheBudget() throws {
    let folder = TestFolder()
    var shared = try ArchiveSource(url: archive(folder))
    let handoff = EntryHandoff(budget: 1500) { _ in true }
    shared.handoff = handoff
    _ = try shared.read("Workflows/a.json")
    _ = try shared.read("Workflows/b.json")
    #expect(handoff.heldBytes == 1000)
    // b was not held: read again, it is inflated again, and a is still there.
    #expect(try shared.read("Workflows/b.json") == Data(repeating: 66, count: 1000))
    #expect(handoff.heldBytes == 1000)
    #expect(try shared.read("Workflows/a.json") == Data(repeating: 65, count: 1000))
    #expect(handoff.heldBytes == 0)
  }
}
