import Foundation
import SolpackTestSupport
import Testing

/// `import`, `export` and `unpack` killed with SIGKILL at random moments: the
/// environment is exactly as before or exactly as after, SQLite's integrity check
/// passes, and no half-written file or folder is ever at a target path. The moments
/// come from a seed, printed; `SOLPACK_CRASH_SEED` replays one.
@Suite(.serialized) struct CrashEndToEndTests {
  static let seed: UInt64 = {
    if let text = ProcessInfo.processInfo.environment["SOLPACK_CRASH_SEED"],
      let seed = UInt64(text)
    {
      return seed
    }
    return UInt64(Date().timeIntervalSince1970 * 1000)
  }()

  /// Kills of export and unpack, which are quicker to check than an import's 100.
  static let kills = 50

  /// A run of five solutions over three installed ones: updates with more flows, new
  /// solutions that need the others' env vars.
  struct Setup {
    let folder = TestFolder("crash")
    var installed: [String] = []
    var run: [String] = []

    init() throws {
      let inputs = folder.path("inputs")
      try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
      let v = SyntheticSolution.variable
      let solutions: [(SyntheticSolution, Bool)] = [
        (.init(name: "Alpha", flows: 30, flowBytes: 6000, variables: 6), true),
        (
          .init(name: "Beta", flows: 30, flowBytes: 6000, variables: 6, uses: [v("Alpha", 0)]), true
        ),
        (.init(name: "Gamma", flows: 30, flowBytes: 6000, variables: 6), true),
        (.init(name: "Alpha", version: "2.0.0.0", flows: 30, flowBytes: 5000, variables: 9), false),
        (
          .init(
            name: "Beta", version: "2.0.0.0", flows: 30, flowBytes: 5000, variables: 9,
            uses: [v("Alpha", 0)]), false
        ),
        (.init(name: "Gamma", version: "1.1.0.0", flows: 30, flowBytes: 6000, variables: 6), false),
        (
          .init(
            name: "Delta", flows: 30, flowBytes: 5000, variables: 6,
            uses: [v("Alpha", 7), v("Gamma", 1)]), false
        ),
        (.init(name: "Epsilon", flows: 30, flowBytes: 5000, variables: 6), false),
      ]
      for (solution, first) in solutions {
        let archive = inputs.appendingPathComponent("\(solution.name)-\(solution.version).zip")
        try solution.pack(to: archive)
        if first { installed.append(archive.path) } else { run.append(archive.path) }
      }
    }
  }

  @Test func importKilledLeavesTheEnvironmentBeforeOrAfter() throws {
    var random = SplitMix64(seed: Self.seed)
    let setup = try Setup()
    let folder = setup.folder
    let before = folder.path("before.sqlite").path
    let seeded = try SolpackBinary.run(["import"] + setup.installed + ["--env", before])
    #expect(seeded.status == 0, "\(seeded.stdout)\(seeded.stderr)")
    // Runs after this second, so a time of the run never equals one of the setup.
    Thread.sleep(forTimeInterval: 1.1)
    let times = try EnvironmentDump.times(before)
    let beforeDump = try EnvironmentDump.read(before, keeping: times)

    let env = folder.path("env.sqlite").path
    let arguments = ["import"] + setup.run + ["--env", env, "--wait", "0"]
    func reset() throws {
      for suffix in ["", "-journal", ".lock"] {
        try? FileManager.default.removeItem(atPath: env + suffix)
      }
      try FileManager.default.copyItem(atPath: before, toPath: env)
    }
    try reset()
    let started = Date()
    let reference = try SolpackProcess(arguments, in: folder.url, outputs: folder.url)
    let commitStart = Self.waitForFile(env + "-journal", while: reference.process)
    let full = reference.wait()
    let duration = Date().timeIntervalSince(started)
    let commitDuration = commitStart.map { Date().timeIntervalSince($0) } ?? 0.01
    #expect(full.status == 0, "\(full.stdout)\(full.stderr)")
    let afterDump = try EnvironmentDump.read(env, keeping: times)
    #expect(afterDump != beforeDump)
    #expect(afterDump.integrity == ["ok"])

    var inCommit = 0
    let outcomes = try Self.kill(
      100, arguments, in: folder.url, prepare: { _ in try reset() },
      moment: { kill, process in
        if kill % 2 == 0 {
          // Anywhere in the run, reading and checking included.
          Self.pause(&random, within: duration)
        } else {
          // Within the commit: from when the journal appears.
          _ = Self.waitForFile(env + "-journal", while: process)
          Self.pause(&random, within: commitDuration * 1.5 / 1.1)
        }
      },
      inspect: { kill in
        if FileManager.default.fileExists(atPath: env + "-journal") { inCommit += 1 }
        let dump = try EnvironmentDump.read(env, keeping: times)
        #expect(dump.integrity == ["ok"], "kill \(kill) (seed \(Self.seed))")
        let state = dump == beforeDump ? "before" : dump == afterDump ? "after" : "in between"
        #expect(
          state != "in between",
          "kill \(kill) (seed \(Self.seed)) left a state that is neither before nor after:\n\(Self.difference(dump, beforeDump, afterDump))"
        )
        return state
      })
    print(
      "crash import: seed \(Self.seed), run \(String(format: "%.2f", duration)) s (commit \(String(format: "%.2f", commitDuration)) s), 100 SIGKILLs: \(Self.tally(outcomes)); \(inCommit) left a hot journal"
    )
    // No stale lock: the next import neither waits nor fails.
    try reset()
    let again = try SolpackBinary.run(arguments)
    #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
    #expect(try EnvironmentDump.read(env, keeping: times) == afterDump)
  }

  @Test func firstImportKilledLeavesNoEnvironmentOrAWholeOne() throws {
    var random = SplitMix64(seed: Self.seed ^ 0x1)
    let setup = try Setup()
    let folder = setup.folder
    let env = folder.path("env.sqlite")
    let arguments = ["import"] + setup.installed + ["--env", env.path, "--wait", "0"]
    let started = Date()
    let full = try SolpackBinary.run(arguments)
    let duration = Date().timeIntervalSince(started)
    #expect(full.status == 0, "\(full.stdout)\(full.stderr)")
    let afterDump = try EnvironmentDump.read(env.path)
    let outcomes = try Self.kill(
      20, arguments, in: folder.url,
      prepare: { _ in
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
        where name.hasPrefix("env.sqlite") {
          try FileManager.default.removeItem(at: folder.path(name))
        }
      },
      moment: { kill, process in
        if kill % 2 == 1 {
          // While the new environment is built beside the target.
          while process.isRunning, (try? Self.temporaries(of: env))?.isEmpty ?? true {
            usleep(500)
          }
          Self.pause(&random, within: duration / 4)
        } else {
          Self.pause(&random, within: duration)
        }
      },
      inspect: { kill in
        guard FileManager.default.fileExists(atPath: env.path) else { return "absent" }
        let dump = try EnvironmentDump.read(env.path)
        #expect(dump.integrity == ["ok"])
        let state = dump == afterDump ? "after" : "in between"
        #expect(
          state != "in between", "kill \(kill) (seed \(Self.seed)) left a partial environment")
        return state
      })
    print(
      "crash first import: seed \(Self.seed), run \(String(format: "%.2f", duration)) s, 20 SIGKILLs: \(Self.tally(outcomes))"
    )
    try? FileManager.default.removeItem(at: env)
    #expect(try SolpackBinary.run(arguments).status == 0)
    #expect(try Self.temporaries(of: env).isEmpty)
  }

  @Test func exportKilledNeverLeavesAHalfWrittenArchive() throws {
    var random = SplitMix64(seed: Self.seed ^ 0xE)
    let setup = try Setup()
    let folder = setup.folder
    let env = folder.path("env.sqlite").path
    let imported = try SolpackBinary.run(["import"] + setup.run + ["--env", env])
    #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
    let fixed = ["SOURCE_DATE_EPOCH": "1700000000"]
    let target = folder.path("out/Alpha.zip")
    try FileManager.default.createDirectory(
      at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    let old = folder.path("old.zip")
    #expect(
      try SolpackBinary.run(
        ["export", "Gamma", old.path, "--env", env], environment: fixed
      ).status == 0)
    let arguments = ["export", "Alpha", target.path, "--env", env, "--wait", "0"]
    let started = Date()
    let reference = try SolpackProcess(
      arguments, in: folder.url, environment: fixed, outputs: folder.url
    ).wait()
    let duration = Date().timeIntervalSince(started)
    #expect(reference.status == 0, "\(reference.stderr)")
    let complete = try Data(contentsOf: target)

    let (outcomes, leftBehind) = try Self.killWriting(
      target, old: old, arguments, in: folder.url, environment: fixed, random: &random,
      duration: duration, complete: complete, read: { try? Data(contentsOf: $0) })
    print(
      "crash export: seed \(Self.seed), run \(String(format: "%.2f", duration)) s, \(Self.kills) SIGKILLs: \(Self.tally(outcomes)); \(leftBehind) kills found a temporary beside the target (swept by the next export)"
    )
    let again = try SolpackBinary.run(arguments, environment: fixed)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try Data(contentsOf: target) == complete)
    #expect(try Self.temporaries(of: target).isEmpty)
    #expect(!FileManager.default.fileExists(atPath: env + ".lock"))
  }

  @Test func unpackKilledNeverLeavesAHalfWrittenFolder() throws {
    var random = SplitMix64(seed: Self.seed ^ 0xF)
    let setup = try Setup()
    let folder = setup.folder
    let archive = try #require(setup.run.first { $0.hasSuffix("Delta-1.0.0.0.zip") })
    let oldArchive = try #require(setup.installed.first)
    let target = folder.path("out/Delta")
    let reference = folder.path("reference")
    let started = Date()
    let full = try SolpackBinary.run(["unpack", archive, reference.path])
    let duration = Date().timeIntervalSince(started)
    #expect(full.status == 0, "\(full.stderr)")
    let complete = try TestFolder.contents(of: reference)
    let oldTree = folder.path("old")
    #expect(try SolpackBinary.run(["unpack", oldArchive, oldTree.path]).status == 0)
    try FileManager.default.createDirectory(
      at: target.deletingLastPathComponent(), withIntermediateDirectories: true)

    let (outcomes, leftBehind) = try Self.killWriting(
      target, old: oldTree, ["unpack", archive, target.path, "--force"], in: folder.url,
      random: &random, duration: duration, complete: complete,
      read: {
        FileManager.default.fileExists(atPath: $0.path) ? try TestFolder.contents(of: $0) : nil
      })
    print(
      "crash unpack: seed \(Self.seed), run \(String(format: "%.2f", duration)) s, \(Self.kills) SIGKILLs: \(Self.tally(outcomes)); \(leftBehind) kills found a temporary beside the target (swept by the next unpack)"
    )
    let again = try SolpackBinary.run(["unpack", archive, target.path, "--force"])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try TestFolder.contents(of: target) == complete)
    #expect(try Self.temporaries(of: target).isEmpty)
  }

  /// Starts `arguments` `count` times: `prepare` sets the scene, `moment` waits for
  /// the moment to kill, SIGKILL, then `inspect` names what the kill left. The tally.
  static func kill(
    _ count: Int, _ arguments: [String], in folder: URL, environment: [String: String] = [:],
    prepare: (Int) throws -> Void, moment: (Int, Process) -> Void,
    inspect: (Int) throws -> String
  ) throws -> [String: Int] {
    var outcomes: [String: Int] = [:]
    for kill in 0..<count {
      try prepare(kill)
      let process = try SolpackProcess(
        arguments, in: folder, environment: environment, outputs: folder)
      moment(kill, process.process)
      process.kill()
      _ = process.wait()
      outcomes[try inspect(kill), default: 0] += 1
    }
    return outcomes
  }

  /// `kill` for a command that writes `target`: every other run starts with `old` in
  /// place; after each kill `target` must be absent or old (as it started) or complete.
  /// The tally, and after how many kills a temporary sibling was there.
  static func killWriting<Contents: Equatable>(
    _ target: URL, old: URL, _ arguments: [String], in folder: URL,
    environment: [String: String] = [:], random: inout SplitMix64, duration: TimeInterval,
    complete: Contents, read: (URL) throws -> Contents?
  ) throws -> ([String: Int], Int) {
    let oldContents = try read(old)
    var leftBehind = 0
    let outcomes = try kill(
      kills, arguments, in: folder, environment: environment,
      prepare: { kill in
        try? FileManager.default.removeItem(at: target)
        if kill % 2 == 1 { try FileManager.default.copyItem(at: old, to: target) }
      },
      moment: { _, _ in pause(&random, within: duration) },
      inspect: { kill in
        if try !temporaries(of: target).isEmpty { leftBehind += 1 }
        let found = try read(target)
        let state =
          found == nil
          ? "absent" : found == complete ? "complete" : found == oldContents ? "old" : "partial"
        #expect(
          state == "complete" || state == (kill % 2 == 1 ? "old" : "absent"),
          "kill \(kill) (seed \(seed)) left \(target.lastPathComponent) \(state)")
        return state
      })
    return (outcomes, leftBehind)
  }

  /// Sleeps a random time up to 1.1 × `duration`, so some runs finish.
  static func pause(_ random: inout SplitMix64, within duration: TimeInterval) {
    Thread.sleep(forTimeInterval: Double(random.next() % 1000) / 1000 * duration * 1.1)
  }

  static func tally(_ outcomes: [String: Int]) -> String {
    outcomes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
  }

  /// Waits until `path` exists (the moment returned) or `process` ends (nil).
  static func waitForFile(_ path: String, while process: Process) -> Date? {
    while process.isRunning {
      if FileManager.default.fileExists(atPath: path) { return Date() }
      usleep(500)
    }
    return nil
  }

  /// solpack's temporary siblings of `target`.
  static func temporaries(of target: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path)
      .filter { $0.hasPrefix(".\(target.lastPathComponent).solpack-") }
  }

  static func difference(
    _ dump: EnvironmentDump, _ before: EnvironmentDump, _ after: EnvironmentDump
  ) -> String {
    let found = Set(dump.rows)
    let notBefore = found.symmetricDifference(before.rows).count
    let notAfter = found.symmetricDifference(after.rows).count
    let sample = found.subtracting(before.rows).subtracting(after.rows).prefix(5)
    return
      "\(notBefore) rows differ from before, \(notAfter) from after; rows in neither: \(sample.joined(separator: "\n"))"
  }
}
