import Foundation
import SolpackArchive
import SolpackModel
import SolpackTestSupport
import Testing

/// Every corpus archive imports into an empty environment, or is refused only with
/// `missing-dependency` errors that match its own MissingDependencies; after `env
/// provide` of those it imports, and its export equals it component by component.
@Suite struct CorpusImportEndToEndTests {
  static let archives: [String] = CorpusEndToEndTests.inputs.filter { $0.hasSuffix(".zip") }

  @Test func corpusArchivesFound() {
    if CorpusEndToEndTests.corpus == nil {
      print("SKIP CorpusImportEndToEndTests: ../shared/corpus not found")
    }
    #expect(CorpusEndToEndTests.corpus == nil || Self.archives.count == 6)
  }

  @Test(arguments: archives) func importsOrNeedsOnlyWhatItDeclares(_ archive: String) throws {
    let folder = TestFolder()
    let env = folder.path("env.sqlite").path
    let solution = try SolutionReader.read(SolutionSources.open(URL(fileURLWithPath: archive)))
      .solution
    let declared = Set(solution.manifest.missingDependencies.map { $0.required.name.lowercased() })
    let first = try SolpackBinary.run(["import", archive, "--env", env, "--format", "json"])
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
    let solutions = report["solutions"] as? [[String: Any]] ?? []
    let diagnostics =
      (report["diagnostics"] as? [[String: Any]] ?? [])
      + solutions.flatMap { $0["diagnostics"] as? [[String: Any]] ?? [] }
    let errors = diagnostics.filter { $0["severity"] as? String == "error" }
    if first.status != 0 {
      #expect(!errors.isEmpty)
      for error in errors {
        #expect(error["id"] as? String == "missing-dependency", "\(error)")
        let message = error["message"] as? String ?? ""
        #expect(
          declared.contains { message.lowercased().contains($0) },
          "\(message) is not in its MissingDependencies")
      }
      // Declare each solution MissingDependencies names, with the components it needs.
      var bySolution: [String: (version: String, components: [String])] = [:]
      for dependency in solution.manifest.missingDependencies {
        let name = dependency.required.solutionUniqueName ?? "ActiveLayer"
        let version =
          dependency.required.solution.flatMap { text in
            text.split(separator: "(").last.map { String($0.dropLast()) }
          }.flatMap { SolutionVersion($0) != nil ? $0 : nil } ?? "1.0.0.0"
        let type = dependency.required.type?.description ?? "1"
        bySolution[name, default: (version, [])].components.append(
          "\(type):\(dependency.required.name)")
      }
      for (name, value) in bySolution.sorted(by: { $0.key < $1.key }) {
        let provide = try SolpackBinary.run(
          ["env", "provide", name, "--version", value.version, "--env", env]
            + value.components.flatMap { ["--component", $0] })
        #expect(provide.status == 0, "\(provide.stderr)")
      }
      let second = try SolpackBinary.run(["import", archive, "--env", env])
      #expect(second.status == 0, "\(second.stdout)")
    } else {
      #expect(errors.isEmpty)
    }
    // Export equals the original, component by component.
    let out = folder.path("export.zip").path
    let export = try SolpackBinary.run(["export", solution.uniqueName, out, "--env", env])
    #expect(export.status == 0, "\(export.stderr)")
    let original = try ArchiveSource(url: URL(fileURLWithPath: archive))
    let exported = try ArchiveSource(url: URL(fileURLWithPath: out))
    let ignored: Set<String> = ["solution.xml"]
    #expect(Set(original.entries.map(\.path)) == Set(exported.entries.map(\.path)))
    for entry in original.entries where !ignored.contains(entry.path) {
      #expect(try original.read(entry.path) == exported.read(entry.path), "\(entry.path)")
    }
    let again = try SolutionReader.read(exported).solution
    #expect(again.manifest.uniqueName == solution.manifest.uniqueName)
    #expect(again.manifest.version == solution.manifest.version)
    #expect(again.manifest.managed == solution.manifest.managed)
    #expect(again.manifest.rootComponents == solution.manifest.rootComponents)
    #expect(again.workflows == solution.workflows)
    #expect(again.connectionReferences == solution.connectionReferences)
    #expect(again.environmentVariables == solution.environmentVariables)
  }
}
