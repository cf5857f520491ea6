import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the built `solpack` like SolpackBinary, and also reports the child's peak resident
/// memory and kills it past a deadline: hostile inputs must neither hang nor allocate what
/// they declare. The peak comes from GNU time (`time` package): a child spawned straight
/// from the test process would inherit the test process's own high-water mark.
struct MeasuredRun {
  static let time = URL(fileURLWithPath: "/usr/bin/time")

  var status: Int32
  /// The signal that ended the child, or nil when it exited.
  var signal: Int32?
  var stdout: String
  var stderr: String
  var peakRSSMiB: Int
  var seconds: Double
  var timedOut: Bool

  var output: String { stdout + stderr }

  /// `arguments` in `folder`; output goes through files in `logs`, so `folder` sees only
  /// what solpack itself writes.
  static func run(_ arguments: [String], in folder: URL, logs: URL, timeout: Double = 120) throws
    -> MeasuredRun
  {
    let binary = try #require(SolpackBinary.url, "the solpack executable was not built")
    let tag = UUID().uuidString.prefix(8)
    let outURL = logs.appendingPathComponent("\(tag).out")
    let errURL = logs.appendingPathComponent("\(tag).err")
    let rssURL = logs.appendingPathComponent("\(tag).rss")
    try #require(
      FileManager.default.isExecutableFile(atPath: time.path),
      "\(time.path) (package time) is missing")
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    // posix_spawn has no working-folder action in older glibc: run through `cd && exec`.
    let command = "cd \"$0\" && exec \"$@\""
    let argv =
      [
        "/bin/sh", "-c", command, folder.path, time.path, "-f", "%M", "-o", rssURL.path,
        binary.path,
      ]
      + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["SOURCE_DATE_EPOCH"] = nil
    environment["SOLPACK_ENV"] = nil
    let envp = environment.map { "\($0)=\($1)" }
    // Its own process group, so a deadline kills time and solpack together.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    posix_spawnattr_setpgroup(&attributes, 0)
    var pid: pid_t = 0
    let start = Date()
    let spawned = withCStrings(argv) { argvPointers in
      withCStrings(envp) { envPointers in
        posix_spawn(&pid, "/bin/sh", &actions, &attributes, argvPointers, envPointers)
      }
    }
    guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
    var status: Int32 = 0
    var timedOut = false
    while true {
      let result = waitpid(pid, &status, WNOHANG)
      if result == pid { break }
      if result < 0 && errno != EINTR { throw POSIXError(.ECHILD) }
      if !timedOut && Date().timeIntervalSince(start) > timeout {
        kill(-pid, SIGKILL)
        timedOut = true
      }
      usleep(5_000)
    }
    // time writes "Command terminated by signal N" or "Command exited with non-zero
    // status N" before the peak in KiB, on the last line.
    let report = (try? String(contentsOf: rssURL, encoding: .utf8)) ?? ""
    let lines = report.split(separator: "\n")
    let signal = lines.first { $0.contains("terminated by signal") }
      .flatMap { $0.split(separator: " ").last }.flatMap { Int32($0) }
    return MeasuredRun(
      status: (status >> 8) & 0xff, signal: signal ?? (status & 0x7f == 0 ? nil : status & 0x7f),
      stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "",
      peakRSSMiB: (lines.last.flatMap { Int($0) } ?? Int.max / 1024) / 1024,
      seconds: Date().timeIntervalSince(start), timedOut: timedOut)
  }

  private static func withCStrings<R>(
    _ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R
  ) -> R {
    let pointers = strings.map { strdup($0) } + [nil]
    defer { pointers.forEach { free($0) } }
    return body(pointers)
  }
}
