import Foundation
import GRDB
import SolpackEnvironment
import SolpackTestSupport
import Testing

/// Several `solpack import` processes on one environment at once are serialized:
/// every exit code matches some serial order and the final state is that order's.
@Suite struct ConcurrencyEndToEndTests {
  /// What each of the eight processes imports. Some outcomes depend on the order:
  /// Alpha 1.0 and 1.5 are downgrades once 2.0 is in, Beta needs an Alpha, Zeta needs
  /// Beta; Gamma comes twice and Alpha in two runs.
  static let runs: [[String]] = [
    ["Alpha-1.0.0.0"], ["Alpha-2.0.0.0"], ["Alpha-1.5.0.0"], ["Beta-1.0.0.0"],
    ["Gamma-1.0.0.0", "Delta-1.0.0.0"], ["Gamma-1.0.0.0"], ["Epsilon-1.0.0.0", "Alpha-1.0.0.0"],
    ["Zeta-1.0.0.0"],
  ]

  static func inputs(in folder: TestFolder) throws {
    let inputs = folder.path("inputs")
    try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
    let v = SyntheticSolution.variable
    let solutions: [SyntheticSolution] = [
      .init(name: "Alpha", flows: 12, flowBytes: 3000, variables: 3),
      .init(name: "Alpha", version: "1.5.0.0", flows: 14, flowBytes: 3000, variables: 3),
      .init(name: "Alpha", version: "2.0.0.0", flows: 16, flowBytes: 3000, variables: 4),
      .init(name: "Beta", flows: 12, flowBytes: 3000, variables: 2, uses: [v("Alpha", 0)]),
      .init(name: "Gamma", flows: 12, flowBytes: 3000, variables: 2),
      .init(name: "Delta", flows: 12, flowBytes: 3000, variables: 2, uses: [v("Gamma", 1)]),
      .init(name: "Epsilon", flows: 12, flowBytes: 3000, variables: 2),
      .init(name: "Zeta", flows: 12, flowBytes: 3000, variables: 2, uses: [v("Beta", 1)]),
    ]
    for solution in solutions {
      try solution.pack(
        to: inputs.appendingPathComponent("\(solution.name)-\(solution.version).zip"))
    }
  }

  /// The same arguments from `concurrent/` and `serial/`, so the stored reports match.
  static func arguments(_ run: Int, env: String = "env.sqlite") -> [String] {
    ["import"] + runs[run].map { "../inputs/\($0).zip" } + ["--env", env, "--format", "json"]
  }

  static func errorIDs(_ output: String) -> Set<String> {
    guard let report = try? JSONDecoder.iso8601.decode(ImportReport.self, from: Data(output.utf8))
    else { return ["unreadable report"] }
    return Set(report.allDiagnostics.filter { $0.severity == .error }.map(\.id))
  }

  @Test func eightImportsAtOnceEqualSomeSerialOrder() throws {
    let folder = TestFolder()
    try Self.inputs(in: folder)
    let concurrent = folder.path("concurrent")
    let serial = folder.path("serial")
    let outputs = folder.path("outputs")
    for url in [concurrent, serial, outputs] {
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    let processes = try Self.runs.indices.map {
      try SolpackProcess(Self.arguments($0), in: concurrent, outputs: outputs)
    }
    // A reader alongside: never an error, never a half-written state to choke on.
    var reads: [SolpackBinary.Run] = []
    while processes.contains(where: { $0.process.isRunning }) {
      reads.append(try SolpackBinary.run(["env", "list", "--env", "env.sqlite"], in: concurrent))
    }
    let results = processes.map { $0.wait() }
    for (index, result) in results.enumerated() {
      #expect(result.status == 0 || result.status == 1, "run \(index): \(result.stderr)")
      #expect(
        !(result.stdout + result.stderr).contains("database is locked"),
        "run \(index): \(result.stderr)")
    }
    for read in reads {
      #expect(read.status == 0, "\(read.stderr)")
      #expect(!read.stderr.contains("database is locked"))
    }

    // The order the successful runs committed in, from the runs the environment recorded.
    let recorded = try DatabaseQueue(path: concurrent.appendingPathComponent("env.sqlite").path)
      .read { db in try String.fetchAll(db, sql: "SELECT report FROM importrun ORDER BY id") }
      .map { try JSONDecoder.iso8601.decode(ImportReport.self, from: Data($0.utf8)) }
    let order = try recorded.map { report in
      let solutions = Set(report.plan.map { "\($0.uniqueName)-\($0.version)" })
      return try #require(Self.runs.indices.first { Set(Self.runs[$0]) == solutions })
    }
    #expect(Set(order) == Set(results.indices.filter { results[$0].status == 0 }))
    #expect(order.count == Set(order).count)

    // Those, one after another: each imports, and leaves a snapshot to try the others on.
    let snapshots = folder.path("snapshots")
    try FileManager.default.createDirectory(at: snapshots, withIntermediateDirectories: true)
    for (step, run) in order.enumerated() {
      let result = try SolpackBinary.run(Self.arguments(run), in: serial)
      #expect(result.status == 0, "run \(run) alone, step \(step): \(result.stdout)")
      try FileManager.default.copyItem(
        at: serial.appendingPathComponent("env.sqlite"),
        to: snapshots.appendingPathComponent("\(step + 1).sqlite"))
    }
    // Each refused run is refused, for the same reasons, at some point of that order.
    for run in results.indices where results[run].status == 1 {
      let expected = Self.errorIDs(results[run].stdout)
      let fits = try (0...order.count).contains { step in
        let check = try SolpackBinary.run(
          Self.arguments(run, env: "../snapshots/\(step).sqlite") + ["--dry-run"], in: serial)
        return check.status == 1 && Self.errorIDs(check.stdout) == expected
      }
      #expect(
        fits, "run \(run) was refused (\(expected.sorted())) where no serial order refuses it")
    }
    let final = try EnvironmentDump.read(concurrent.appendingPathComponent("env.sqlite").path)
    #expect(final.integrity == ["ok"])
    #expect(final == (try EnvironmentDump.read(serial.appendingPathComponent("env.sqlite").path)))
    let waited = results.filter { $0.stderr.contains("waiting for another solpack operation") }
    print(
      "concurrency: 8 imports, committed in order \(order), refused \(results.indices.filter { results[$0].status == 1 }), \(waited.count) printed that they waited, \(reads.count) concurrent env list"
    )
  }

  @Test func waitingGivesUpWithEnvironmentBusy() throws {
    let folder = TestFolder()
    let archive = folder.path("Alpha.zip")
    try SyntheticSolution(name: "Alpha").pack(to: archive)
    let env = folder.path("env.sqlite").path
    let holder = SQLiteEnvironmentStore(path: env)
    let started = Date()
    let (run, provide) = try holder.exclusively("test hold") {
      (
        try SolpackBinary.run(["import", archive.path, "--env", env, "--wait", "1"]),
        try SolpackBinary.run(
          ["env", "provide", "Other", "--version", "1.0.0.0", "--env", env],
          environment: ["SOLPACK_WAIT": "0"])
      )
    }
    #expect(Date().timeIntervalSince(started) >= 1)
    #expect(run.status == 1)
    let waiting = run.stderr.components(separatedBy: "\n").filter { $0.hasPrefix("waiting") }
    #expect(waiting.count == 1)
    #expect(
      waiting.first?.hasPrefix(
        "waiting for another solpack operation on \(env) (test hold by pid \(getpid()) since ")
        == true, "\(run.stderr)")
    #expect(run.stdout.contains("[environment-busy]"), "\(run.stdout)")
    #expect(run.stdout.contains("did not finish within 1 s"))
    #expect(run.stdout.contains("--wait SECONDS"))
    #expect(!run.stdout.contains("database is locked"))
    #expect(provide.status == 1)
    #expect(provide.stderr.contains("[environment-busy]"), "\(provide.stderr)")
    // Nothing was created while it waited, and the lock is gone with its holder.
    #expect(!FileManager.default.fileExists(atPath: env))
    #expect(!FileManager.default.fileExists(atPath: env + ".lock"))
    let after = try SolpackBinary.run(["import", archive.path, "--env", env, "--wait", "0"])
    #expect(after.status == 0, "\(after.stdout)\(after.stderr)")
    let bad = try SolpackBinary.run(
      ["env", "list", "--env", env], environment: ["SOLPACK_WAIT": "soon"])
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("SOLPACK_WAIT=soon is not a number of seconds"))
  }

  /// A reader meets a write that does not end: it waits --wait, then says
  /// environment-busy rather than SQLite's "database is locked".
  @Test func readerBehindAnEndlessWriteSaysEnvironmentBusy() throws {
    let folder = TestFolder()
    let archive = folder.path("Alpha.zip")
    try SyntheticSolution(name: "Alpha").pack(to: archive)
    let env = folder.path("env.sqlite").path
    #expect(try SolpackBinary.run(["import", archive.path, "--env", env]).status == 0)
    let writer = try DatabaseQueue(path: env)
    let run = try writer.inDatabase { db in
      try db.execute(sql: "BEGIN EXCLUSIVE")
      defer { try? db.execute(sql: "ROLLBACK") }
      return try SolpackBinary.run(["env", "list", "--env", env, "--wait", "0.3"])
    }
    #expect(run.status == 1)
    #expect(run.stderr.contains("[environment-busy]"), "\(run.stderr)")
    #expect(!run.stderr.contains("database is locked"), "\(run.stderr)")
    #expect(try SolpackBinary.run(["env", "list", "--env", env, "--wait", "0"]).status == 0)
  }
}

extension JSONDecoder {
  static var iso8601: JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return decoder
  }
}
