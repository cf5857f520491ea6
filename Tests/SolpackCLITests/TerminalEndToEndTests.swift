import ArgumentParser
import Foundation
import SolpackTestSupport
import Testing

@testable import SolpackCLI

/// What solpack shows on a terminal and only there: progress on standard error (never when
/// piped), colour (`--color`, NO_COLOR); and the generated completions, man page and --help
/// examples, which must follow the command tree.
@Suite struct TerminalEndToEndTests {
  static let script = ExternalTool.find(["script"])

  /// Runs solpack under a pseudo-terminal (`script` from util-linux); returns what the
  /// terminal received, standard output and error together.
  func underTerminal(_ arguments: [String], environment: [String: String] = [:]) throws -> String? {
    guard let script = Self.script, let binary = SolpackBinary.url else {
      ExternalTool.missing("script (util-linux)", suite: "TerminalEndToEndTests")
      return nil
    }
    let quoted = ([binary.path] + arguments).map {
      "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
    let assignments = environment.map { "\($0.key)='\($0.value)'" }.sorted()
    // NO_COLOR from the test runner's own environment would hide what is tested here.
    let command =
      "cd '\(SolpackBinary.packageRoot.path)' && env -u NO_COLOR "
      + (assignments + quoted).joined(separator: " ")
    let run = try ExternalTool.run(script, ["-q", "-e", "-c", command, "/dev/null"])
    return run.stdout
  }

  @Test func progressNeverAppearsWhenPiped() throws {
    let folder = TestFolder()
    let archive = folder.path("CC.zip").path
    let pack = try SolpackBinary.run(["pack", "samples/CredentialsCore", archive])
    #expect(pack.status == 0)
    let unpack = try SolpackBinary.run(["unpack", archive, folder.path("out").path])
    #expect(unpack.status == 0)
    for run in [pack, unpack] {
      #expect(!run.stderr.contains("entries"), "\(run.stderr)")
      #expect(!run.stderr.contains("\r"))
      #expect(!run.stdout.contains("\r"))
      #expect(!run.stdout.contains("\u{1B}"))
    }
    #expect(pack.stderr.isEmpty && unpack.stderr.isEmpty)
  }

  @Test func progressAppearsOnATerminalUnlessTurnedOff() throws {
    let folder = TestFolder()
    let archive = folder.path("CC.zip").path
    guard let shown = try underTerminal(["pack", "samples/CredentialsCore", archive]) else {
      return
    }
    #expect(shown.contains("Packing: 8/8 entries"), "\(shown)")
    #expect(shown.contains("Packed CredentialsCore"))
    let unpacked = try underTerminal(["unpack", archive, folder.path("out").path]) ?? ""
    #expect(unpacked.contains("Unpacking: "), "\(unpacked)")
    let imported =
      try underTerminal(
        [
          "import", "samples/CredentialsCore", "samples/InvoiceFlows", "--env",
          folder.path("env.sqlite").path,
        ]
      ) ?? ""
    #expect(imported.contains("Importing: "), "\(imported)")
    let piped = try SolpackBinary.run(
      [
        "import", "samples/CredentialsCore", "--env", folder.path("piped.sqlite").path, "--format",
        "json",
      ])
    #expect(piped.status == 0)
    #expect(!piped.stderr.contains("Importing"))
    #expect(try JSONSerialization.jsonObject(with: Data(piped.stdout.utf8)) is [String: Any])
    let off =
      try underTerminal(["pack", "samples/CredentialsCore", archive, "--no-progress"]) ?? ""
    #expect(!off.contains("Packing:"))
    #expect(off.contains("Packed CredentialsCore"))
    let quiet = try underTerminal(["pack", "samples/CredentialsCore", archive, "--quiet"]) ?? ""
    #expect(!quiet.contains("Packing:"))
    #expect(!quiet.contains("Packed"))
  }

  @Test func progressLineSaysEntriesBytesRateAndTimeLeft() {
    let line = ProgressMeter.line(
      "Packing",
      .init(entriesDone: 10, entriesTotal: 40, bytesDone: 2_000_000, bytesTotal: 8_000_000),
      elapsed: 1)
    #expect(line == "Packing: 10/40 entries, 2.0 MB of 8.0 MB, 2.0 MB/s, 3 s left")
  }

  @Test func colourFollowsTheOptionAndNoColor() throws {
    let bad = ["unpack", "missing.zip", "/tmp/solpack-never-written"]
    let always = try SolpackBinary.run(bad + ["--color", "always"])
    #expect(always.stderr.contains("\u{1B}[1;31merror\u{1B}[0m"))
    let piped = try SolpackBinary.run(bad)
    #expect(!piped.stderr.contains("\u{1B}"))
    #expect(piped.stderr.contains(": error: ["))
    guard let terminal = try underTerminal(bad) else { return }
    #expect(terminal.contains("\u{1B}[1;31merror"))
    let noColor = try underTerminal(bad, environment: ["NO_COLOR": "1"]) ?? ""
    #expect(!noColor.contains("\u{1B}[1;31m"))
    #expect(noColor.contains("error"))
    let never = try underTerminal(bad + ["--color", "never"]) ?? ""
    #expect(!never.contains("\u{1B}[1;31m"))
  }

  /// Every visible command, nested ones too, as `["env", "list"]`.
  static func commandPaths() -> [[String]] {
    var result: [[String]] = []
    func walk(_ command: ParsableCommandType, _ path: [String]) {
      for sub in command.configuration.subcommands where sub.configuration.shouldDisplay {
        let name = sub.configuration.commandName ?? sub._commandName
        result.append(path + [name])
        walk(sub, path + [name])
      }
    }
    walk(Solpack.self, [])
    return result
  }

  /// A command without a declared name makes ArgumentParser derive one from the type
  /// name through runtime reflection, on every run: 26 M of a 45 M-instruction start.
  @Test func everyCommandDeclaresItsName() {
    func walk(_ command: ParsableCommandType) -> [String] {
      command.configuration.subcommands.flatMap { sub in
        (sub.configuration.commandName == nil ? ["\(sub)"] : []) + walk(sub)
      }
    }
    #expect(walk(Solpack.self) == [])
  }

  @Test func everyCommandsHelpHasAnExample() throws {
    let paths = Self.commandPaths()
    #expect(paths.contains(["graph"]) && paths.contains(["env", "provide"]))
    for path in [[]] + paths {
      let help = try SolpackBinary.run(path + ["--help"])
      #expect(help.status == 0)
      #expect(help.stdout.contains("Example"), "solpack \(path.joined(separator: " ")) --help")
    }
  }

  @Test func completionsAndManPageFollowTheCommandTree() throws {
    let names = Self.commandPaths().map { $0.last! }
    for shell in ["bash", "zsh", "fish"] {
      let run = try SolpackBinary.run(["completions", shell])
      #expect(run.status == 0)
      for name in names { #expect(run.stdout.contains(name), "\(shell) lacks \(name)") }
    }
    if let bash = ExternalTool.find(["bash"]) {
      let folder = TestFolder()
      let file = folder.path("solpack.bash")
      try Data(try SolpackBinary.run(["completions", "bash"]).stdout.utf8).write(to: file)
      let syntax = try ExternalTool.run(bash, ["-n", file.path])
      #expect(syntax.status == 0, "\(syntax.stderr)")
    }
    let man = try SolpackBinary.run(["man"])
    #expect(man.status == 0)
    #expect(man.stdout.hasPrefix(".TH SOLPACK 1"))
    for path in Self.commandPaths() {
      let heading = ManualPage.escape("solpack " + path.joined(separator: " "))
      #expect(man.stdout.contains(".SS \"\(heading)\""), "\(path)")
    }
    #expect(man.stdout.contains("\\fB\\-\\-format\\fR"))
    #expect(!man.stdout.split(separator: "\n").contains { $0.hasPrefix("'") })
    #expect(!man.stdout.contains(".SS \"solpack help\""))
    #expect(man.stdout.unicodeScalars.allSatisfy { $0.isASCII })
    // groff, where installed, reads the page without a warning.
    if let groff = ExternalTool.find(["groff"]) {
      let folder = TestFolder()
      let page = folder.path("solpack.1")
      try Data(man.stdout.utf8).write(to: page)
      let check = try ExternalTool.run(groff, ["-man", "-Tutf8", "-ww", "-z", page.path])
      #expect(check.status == 0)
      #expect(check.stderr.isEmpty, "\(check.stderr)")
    }
  }
}

typealias ParsableCommandType = any ParsableCommand.Type
