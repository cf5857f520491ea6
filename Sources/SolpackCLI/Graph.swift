import ArgumentParser
import Foundation
import SolpackEnvironment
import SolpackModel
import SolpackReports

extension Solpack {
  struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "graph",
      abstract: "Draw which solution needs which, in import order, and what is missing.",
      discussion: """
        Nodes are solutions or, with --level component, flows, connection references,
        environment variables, credentials and connectors; an arrow means "requires".
        Layers run left to right in import order; missing dependencies are dashed red,
        cycles orange. dot and mermaid are text for other tools to render; svg and html
        are drawn by solpack itself. With --env (or $SOLPACK_ENV), what the environment
        already holds is drawn grey instead of missing.

        Examples:
          solpack graph CredentialsCore.zip InvoiceFlows.zip --format svg > graph.svg
          solpack graph samples/InvoiceFlows --level component --format mermaid
          solpack graph src/*.zip --format dot | dot -Tpng > graph.png
        """)

    @Argument(help: "Solution archives or folders.")
    var inputs: [String]

    @Option(name: .customLong("env"), help: "Draw against this environment file.")
    var environmentPath: String?

    @Option(help: "dot, mermaid, svg or html.")
    var format: GraphFormat = .dot

    @Option(help: "solution or component.")
    var level: DependencyGraph.Level = .solution

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    func run() throws {
      let path = environmentPath ?? ProcessInfo.processInfo.environment["SOLPACK_ENV"]
      try runReporting(
        source: inputs.count == 1 ? (inputs[0] as NSString).lastPathComponent : "graph"
      ) {
        let state =
          try path.map { try SQLiteEnvironmentStore(path: $0).load() } ?? EnvironmentState()
        let (graph, diagnostics) = DependencyGraphBuilder.build(inputs, state: state, level: level)
        if diagnostics.contains(where: { $0.severity == .error }) { return diagnostics }
        let text: String
        switch format {
        case .dot: text = graph.dot()
        case .mermaid: text = graph.mermaid()
        case .svg: text = graph.svg()
        case .html:
          text = graph.html(
            title:
              "Dependency graph: \(inputs.map { ($0 as NSString).lastPathComponent }.joined(separator: ", "))"
          )
        }
        if let output { try writeReport(text, to: output) } else { Console.out(text) }
        return diagnostics
      }
    }
  }
}

enum GraphFormat: String, ExpressibleByArgument, CaseIterable {
  case dot, mermaid, svg, html
}

extension DependencyGraph.Level: ExpressibleByArgument {}
