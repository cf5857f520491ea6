import ArgumentParser
import Foundation
import SolpackModel

/// `--quiet`, `--no-progress` and `--color`: what a command shows on a terminal beyond its
/// result. Progress and colour go only to a terminal, never into piped or machine output.
struct TerminalOptions: ParsableArguments {
  @Flag(
    name: .shortAndLong,
    help: "Print nothing but errors and warnings: no progress, no summary line.")
  var quiet = false

  @Flag(help: "Do not show progress on standard error.")
  var noProgress = false

  @Option(help: "auto, always or never (auto: on a terminal, unless NO_COLOR is set).")
  var color: ColorChoice = .auto

  /// A meter on standard error when it is a terminal and progress was not turned off.
  func progress(_ verb: String) -> ProgressMeter? {
    guard !quiet, !noProgress, isatty(STDERR_FILENO) == 1 else { return nil }
    return ProgressMeter(verb: verb)
  }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
  case auto, always, never

  /// For output written to `descriptor`: always, never, or when it is a terminal and
  /// NO_COLOR (no-color.org) is unset or empty.
  func enabled(for descriptor: Int32 = STDOUT_FILENO) -> Bool {
    switch self {
    case .always: true
    case .never: false
    case .auto:
      isatty(descriptor) == 1 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }
  }

  var enabled: Bool { enabled() }
}
