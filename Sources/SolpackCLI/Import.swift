import ArgumentParser
import Foundation
import SolpackEnvironment
import SolpackModel
import SolpackReports

extension Solpack {
  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Import solutions into an environment, in dependency order, all or nothing.",
      discussion: """
        The order comes from the archives' contents, whatever order they are given in: a
        solution that provides what another needs goes first. Every check runs before
        anything is written; on any error the environment is left exactly as it was.
        The environment is --env, else $SOLPACK_ENV, else ./solpack-env.sqlite.

        Example:
          solpack import InvoiceFlows.zip CredentialsCore.zip --settings deploymentSettings.json
          solpack import *.zip --dry-run --format html > plan.html
        """)

    @Argument(help: "Solution archives or folders.")
    var inputs: [String]

    @OptionGroup var environment: EnvironmentOption
    @OptionGroup var reportOptions: ReportOptions

    @Option(help: "pac's deploymentSettings.json: env var values and connection bindings.")
    var settings: String?

    @Flag(help: "Run every check and write the report, but change nothing.")
    var dryRun = false

    @Flag(help: "Remove components the new version no longer has.")
    var upgrade = false

    @Flag(help: "Skip, with a note, a solution not higher than the installed version.")
    var skipLowerVersion = false

    @OptionGroup var identity: IdentityOption
    @OptionGroup var terminal: TerminalOptions

    func run() throws {
      let meter = terminal.progress("Importing")
      let options = ImportOptions(
        mode: dryRun ? .dryRun : .import,
        settings: try loadSettings(settings, color: terminal.color.enabled(for: STDERR_FILENO)),
        upgrade: upgrade, skipLowerVersion: skipLowerVersion, actor: identity.name,
        progress: meter?.handler)
      // Drawn before the import, so the graph shows the environment the plan started from.
      let graph =
        try reportOptions.needsGraph ? dependencyGraph(inputs, store: environment.store) : nil
      let report = ImportEngine.run(inputs, store: environment.store, options: options)
      meter?.finish()
      try reportOptions.emit(report, graph: graph)
    }
  }

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "Validate solutions and show the import plan, changing nothing.",
      discussion: """
        Without --env (or $SOLPACK_ENV) it checks what the archives say about themselves and
        each other; with one, it checks them against that environment.

        Example:
          solpack check CredentialsCore.zip InvoiceFlows.zip
          solpack check InvoiceFlows.zip --format sarif > solpack.sarif
          solpack check src/*.zip --report report.html --report-format html
        """)

    @Argument(help: "Solution archives or folders.")
    var inputs: [String]

    @Option(name: .customLong("env"), help: "Check against this environment file.")
    var environmentPath: String?

    @OptionGroup var reportOptions: ReportOptions

    @Option(help: "pac's deploymentSettings.json to check with.")
    var settings: String?

    @OptionGroup var identity: IdentityOption
    @OptionGroup var wait: WaitOption

    func run() throws {
      let path = environmentPath ?? ProcessInfo.processInfo.environment["SOLPACK_ENV"]
      let store = path.map { SQLiteEnvironmentStore(path: $0, waiting: wait.waiting(for: $0)) }
      let graph = try reportOptions.needsGraph ? dependencyGraph(inputs, store: store) : nil
      let report = ImportEngine.run(
        inputs, store: store,
        options: ImportOptions(
          mode: .check, settings: try loadSettings(settings), actor: identity.name))
      try reportOptions.emit(report, graph: graph)
    }
  }
}

func loadSettings(_ path: String?, color: Bool = false) throws -> DeploymentSettings? {
  guard let path else { return nil }
  do {
    return try DeploymentSettings.load(URL(fileURLWithPath: path))
  } catch let error as DiagnosticError {
    Console.report([error.diagnostic], source: (path as NSString).lastPathComponent, color: color)
    throw ExitCode.failure
  }
}

/// The solution-level graph the HTML report draws; an environment that cannot be read is
/// left out here, since the run reports it.
func dependencyGraph(_ inputs: [String], store: (any EnvironmentStore)?) throws -> DependencyGraph {
  let state = (try? store?.load()) ?? EnvironmentState()
  return DependencyGraphBuilder.build(inputs, state: state, level: .solution).graph
}
