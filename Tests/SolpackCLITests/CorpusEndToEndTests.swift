import Foundation
import SolpackTestSupport
import Testing

/// 5. `solpack inspect` on every corpus archive and unpacked solution: the counts it
/// reports match the files.
@Suite struct CorpusEndToEndTests {
  static let corpus: URL? = {
    let url = SolpackBinary.packageRoot.deletingLastPathComponent().appendingPathComponent(
      "shared/corpus")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
  }()

  static let inputs: [String] = {
    guard let corpus,
      let all = FileManager.default.enumerator(atPath: corpus.path)?.allObjects as? [String]
    else { return [] }
    let zips = all.filter { $0.hasSuffix(".zip") }
    let unpacked = all.filter { $0.hasSuffix("/Other/Solution.xml") }.map {
      String($0.dropLast("/Other/Solution.xml".count))
    }
    let extracted = all.filter { $0.hasSuffix("/solution.xml") }.map {
      String($0.dropLast("/solution.xml".count))
    }
    return (zips + unpacked + extracted).sorted().map { corpus.appendingPathComponent($0).path }
  }()

  @Test func corpusFound() {
    if Self.corpus == nil { print("SKIP CorpusEndToEndTests: ../shared/corpus not found") }
    #expect(Self.corpus == nil || Self.inputs.count == 11)
  }

  @Test(arguments: inputs) func inspectCountsMatchFiles(_ path: String) throws {
    let run = try SolpackBinary.run(["inspect", path, "--format", "json"])
    #expect(run.status == 0, "\(run.stderr)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let counts = try #require(report["counts"] as? [String: Int])
    let expected = try ExpectedCounts(path)
    #expect(counts["entries"] == expected.entries)
    #expect(
      (counts["cloudFlows"] ?? 0) + (counts["desktopFlows"] ?? 0) + (counts["otherWorkflows"] ?? 0)
        == expected.workflows)
    #expect(counts["connectionReferences"] == expected.connectionReferences)
    #expect(counts["environmentVariables"] == expected.environmentVariables)
    let text = try SolpackBinary.run(["inspect", path])
    #expect(text.status == 0)
    #expect(
      text.stdout.contains(
        "\(report["uniqueName"] as? String ?? "?")) \(report["version"] as? String ?? "?")"))
  }
}
