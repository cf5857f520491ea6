import Foundation
import SolpackTestSupport
import Testing

/// Feeds every catalogue row to inspect, unpack, check, import and diff (the built binary,
/// five processes at once) and checks what a security reviewer would: the row's own
/// diagnostic id, exit 1, nothing written outside the target, no partial output, an
/// environment left byte for byte as it was, and peak memory far below what bombs declare.
@Suite struct HostileInputTests {
  static let commands = ["inspect", "unpack", "check", "import", "diff"]

  @Test func catalogueIsLargeAndNamesAreUnique() {
    #expect(HostileCase.catalogue.count >= 40)
    #expect(Set(HostileCase.catalogue.map(\.name)).count == HostileCase.catalogue.count)
  }

  /// The control row: the probe unmodified passes everywhere, so each refusal below is
  /// the hostile change's doing and not the probe's.
  @Test func probeSolutionIsAcceptedByEveryCommand() throws {
    let run = try Self.runAll(build: { try ProbeSolution().archive() })
    for (command, result) in zip(Self.commands, run.results) {
      #expect(result.status == 0, "\(command): \(result.output)")
    }
    #expect(FileManager.default.fileExists(atPath: run.folder.path("out/Other/Solution.xml").path))
    #expect(run.after["env.sqlite"] != run.before["env.sqlite"], "import changed nothing")
  }

  @Test(arguments: HostileCase.catalogue)
  func refused(_ row: HostileCase) throws {
    let run = try Self.runAll(build: row.build)
    let expected = [
      row.expected.inspect, row.expected.unpack, row.expected.check, row.expected.import,
      row.expected.diff,
    ]
    for (index, result) in run.results.enumerated() {
      let command = Self.commands[index]
      #expect(!result.timedOut && result.signal == nil, "\(command) hung or crashed")
      if let id = expected[index] {
        #expect(result.status == 1, "\(command) exit \(result.status): \(result.output)")
        #expect(result.output.contains("[\(id)]"), "\(command) lacks [\(id)]: \(result.output)")
      } else {
        #expect(result.status == 0, "\(command) refused: \(result.output)")
      }
      #expect(
        result.peakRSSMiB <= row.memoryCeilingMiB,
        "\(command) peaked at \(result.peakRSSMiB) MiB (ceiling \(row.memoryCeilingMiB))")
    }
    // Nothing new, changed or half-written next to the archive: no `out`, no temporary
    // sibling, the environment's bytes as they were.
    var after = run.after
    if expected[1] == nil { after = after.filter { !$0.key.hasPrefix("out/") } }
    if expected[3] == nil { after["env.sqlite"] = run.before["env.sqlite"] }
    #expect(after == run.before, "files changed: \(Self.changes(run.before, after))")
    try Self.expectNoEscapes(near: run.folder.url)
    let slowest = run.results.map(\.seconds).max() ?? 0
    let peak = run.results.map(\.peakRSSMiB).max() ?? 0
    print(
      "hostile \(row.name): peak \(peak) MiB, slowest \(String(format: "%.2f", slowest)) s, "
        + "archive \(run.archiveBytes) bytes")
  }

  // MARK: Running

  struct AllRun {
    var folder: TestFolder
    var results: [MeasuredRun]
    var before: [String: String]
    var after: [String: String]
    var archiveBytes: Int
  }

  /// Writes the archive and a probe baseline into a fresh folder with an environment that
  /// already holds CredentialsCore, then runs the five commands there at once.
  static func runAll(build: () throws -> Data) throws -> AllRun {
    let folder = TestFolder("hostile")
    let logs = TestFolder("hostile-logs")
    let archive = try build()
    try archive.write(to: folder.path("hostile.zip"))
    try ProbeSolution().archive().write(to: folder.path("baseline.zip"))
    for (name, data) in try environmentTemplate.get() { try data.write(to: folder.path(name)) }
    let before = try snapshot(folder.url)
    let arguments = [
      ["inspect", "hostile.zip"], ["unpack", "hostile.zip", "out"], ["check", "hostile.zip"],
      ["import", "hostile.zip", "--env", "env.sqlite"], ["diff", "baseline.zip", "hostile.zip"],
    ]
    let results = Results(count: arguments.count)
    let (place, logPlace) = (folder.url, logs.url)
    DispatchQueue.concurrentPerform(iterations: arguments.count) { index in
      results.set(
        index, Result { try MeasuredRun.run(arguments[index], in: place, logs: logPlace) })
    }
    return AllRun(
      folder: folder, results: try results.values.map { try $0!.get() }, before: before,
      after: try snapshot(folder.url), archiveBytes: archive.count)
  }

  /// An environment holding CredentialsCore, made once: file name → bytes.
  static let environmentTemplate = Result { () throws -> [String: Data] in
    let folder = TestFolder("hostile-environment")
    let seed = try SolpackBinary.run([
      "import", SolpackBinary.packageRoot.appendingPathComponent("samples/CredentialsCore").path,
      "--env", folder.path("env.sqlite").path,
    ])
    try #require(seed.status == 0, "seeding the environment failed: \(seed.stderr)")
    return try TestFolder.contents(of: folder.url)
  }

  final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Result<MeasuredRun, Error>?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Result<MeasuredRun, Error>) {
      lock.lock()
      values[index] = value
      lock.unlock()
    }
  }

  /// Relative path → size and modification time (small files: their bytes, hashed).
  static func snapshot(_ root: URL) throws -> [String: String] {
    var result: [String: String] = [:]
    let base = root.resolvingSymlinksInPath().path
    let keys: [URLResourceKey] = [.fileSizeKey, .contentModificationDateKey, .isDirectoryKey]
    guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys)
    else { return result }
    for case let url as URL in walker {
      let values = try url.resourceValues(forKeys: Set(keys))
      let relative = String(url.resolvingSymlinksInPath().path.dropFirst(base.count + 1))
      if values.isDirectory == true {
        result[relative + "/"] = "folder"
        continue
      }
      var description =
        "\(values.fileSize ?? -1) bytes, \(values.contentModificationDate?.timeIntervalSince1970 ?? 0)"
      if (values.fileSize ?? 0) < 1 << 20 {
        description += ", \(try Data(contentsOf: url).hashValue)"
      }
      result[relative] = description
    }
    return result
  }

  static func changes(_ before: [String: String], _ after: [String: String]) -> [String] {
    Set(before.keys).union(after.keys).sorted().filter { before[$0] != after[$0] }
  }

  /// No file named like EscapeProbe anywhere an escaping name could have landed.
  static func expectNoEscapes(near folder: URL) throws {
    #expect(!FileManager.default.fileExists(atPath: EscapeProbe.absolute))
    for place in [folder, folder.deletingLastPathComponent(), URL(fileURLWithPath: "/tmp")] {
      let names = (try? FileManager.default.subpathsOfDirectory(atPath: place.path)) ?? []
      let found =
        place == folder
        ? names.filter { $0.contains(EscapeProbe.marker) }
        : ((try? FileManager.default.contentsOfDirectory(atPath: place.path)) ?? []).filter {
          $0.contains(EscapeProbe.marker)
        }
      #expect(found.isEmpty, "escaped into \(place.path): \(found)")
    }
  }
}
