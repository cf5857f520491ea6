import ArgumentParser
import Foundation
import SolpackEnvironment

/// `--wait SECONDS`; else `SOLPACK_WAIT`; else 60: how long a command waits for
/// another solpack operation on the same environment (or for a commit in progress,
/// when it only reads) before it gives up with `environment-busy`.
struct WaitOption: ParsableArguments {
  static let defaultSeconds: TimeInterval = 60

  @Option(
    name: .customLong("wait"),
    help: ArgumentHelp(
      "Seconds to wait for another solpack operation on the environment. Default: $SOLPACK_WAIT, else 60.",
      valueName: "seconds"))
  var seconds: Double?

  func validate() throws {
    if let seconds, !(seconds >= 0 && seconds.isFinite) {
      throw ValidationError("--wait \(seconds) is not a number of seconds (0 or more)")
    }
    if seconds == nil, let text = ProcessInfo.processInfo.environment["SOLPACK_WAIT"],
      Self.parse(text) == nil
    {
      throw ValidationError("SOLPACK_WAIT=\(text) is not a number of seconds (0 or more)")
    }
  }

  static func parse(_ text: String) -> TimeInterval? {
    guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value >= 0,
      value.isFinite
    else { return nil }
    return value
  }

  var timeout: TimeInterval {
    seconds ?? ProcessInfo.processInfo.environment["SOLPACK_WAIT"].flatMap(Self.parse)
      ?? Self.defaultSeconds
  }

  /// Says once, on standard error, that the command waits and for whom.
  func waiting(for location: String) -> OperationLock.Waiting {
    OperationLock.Waiting(timeout: timeout) { holder in
      let who = holder.map { " (\($0.description))" } ?? ""
      Console.err("waiting for another solpack operation on \(location)\(who)…")
    }
  }
}
