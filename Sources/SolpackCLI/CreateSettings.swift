import ArgumentParser
import Foundation
import SolpackArchive
import SolpackEnvironment
import SolpackModel

extension Solpack {
  struct CreateSettings: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "create-settings",
      abstract: "Write the deployment settings template (pac's deploymentSettings.json).",
      discussion: """
        Writes what `pac solution create-settings` writes: every environment variable
        (SchemaName, Value "") and every connection reference (LogicalName,
        ConnectionId "", ConnectorId), solution by solution in the order given, sorted
        by name within each. Fill in the values and pass the file to
        `pac solution import --settings-file`. Without --output the template goes to
        standard output.

        Examples:
          solpack create-settings samples/CredentialsCore samples/InvoiceFlows
          solpack create-settings CredentialsCore.zip --output deploymentSettings.json
        """)

    @Argument(help: "Solution archives or folders.")
    var paths: [String]

    @Option(
      name: [.short, .long],
      help: ArgumentHelp("The file to write (replaced if it exists).", valueName: "file"))
    var output: String?

    func run() throws {
      var solutions: [Solution] = []
      for path in paths {
        try runReporting(source: (path as NSString).lastPathComponent) {
          // Settings need no flow contents: skip parsing flow JSON.
          let source = try SolutionSources.open(URL(fileURLWithPath: path))
          let result = try SolutionReader.read(source, scanFlows: false, metadata: .essentials)
          solutions.append(result.solution)
          return result.diagnostics
        }
      }
      let settings = DeploymentSettings.template(for: solutions)
      guard let output else {
        // encoded() ends with its newline; Console.out would add a second one.
        FileHandle.standardOutput.write(settings.encoded())
        return
      }
      let target = URL(fileURLWithPath: output)
      try runReporting(source: target.lastPathComponent) {
        try AtomicFile.write(settings.encoded(), to: target)
        let variables = Self.count(settings.environmentVariables.count, "environment variable")
        let references = Self.count(settings.connectionReferences.count, "connection reference")
        let names = solutions.map(\.uniqueName).joined(separator: ", ")
        Console.out("Wrote \(output): \(variables), \(references) from \(names)")
        return []
      }
    }

    static func count(_ number: Int, _ noun: String) -> String {
      "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
  }
}
