import Foundation
import SolpackTestSupport
import Testing

/// `graph` in every format, `check --format sarif` and the HTML reports, end to end on the
/// samples and on a corpus archive with missing dependencies. DOT, Mermaid and SARIF are
/// compared with golden files; SVG and HTML must be well-formed (xmllint).
@Suite struct ReportsEndToEndTests {
  static let pair = ["samples/CredentialsCore", "samples/InvoiceFlows"]

  /// A corpus archive whose MissingDependencies name msdynce_Sales, which no run provides.
  static let corpusArchive: String? = CorpusEndToEndTests.corpus.map {
    $0.appendingPathComponent(
      "pnp__powerautomate-samples/samples/ScheduledQuoteEmail-d365goddess/solution/scheduledquoteemail.zip"
    ).path
  }

  @Test func graphGoldens() throws {
    let cases: [(arguments: [String], golden: String)] = [
      (Self.pair, "graph-samples.dot"),
      (Self.pair.reversed() + ["--level", "component"], "graph-samples-component.dot"),
      (["samples/InvoiceFlows", "--format", "mermaid"], "graph-InvoiceFlows.mmd"),
      (
        ["samples/InvoiceFlows", "--format", "mermaid", "--level", "component"],
        "graph-InvoiceFlows-component.mmd"
      ),
    ]
    for (arguments, golden) in cases {
      let run = try SolpackBinary.run(["graph"] + arguments)
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stderr.isEmpty)
      try assertGolden(run.stdout, named: golden)
    }
  }

  @Test func argumentOrderDoesNotChangeTheGraph() throws {
    for format in ["dot", "mermaid", "svg"] {
      let one = try SolpackBinary.run(
        ["graph", "--format", format, "--level", "component"] + Self.pair)
      let other = try SolpackBinary.run(
        ["graph", "--format", format, "--level", "component"] + Self.pair.reversed())
      #expect(one.stdout == other.stdout, "\(format)")
    }
  }

  @Test func missingDependenciesAreDashedRed() throws {
    let dot = try SolpackBinary.run(["graph", "samples/InvoiceFlows"]).stdout
    #expect(
      dot.contains(
        "label=\"missing: CredentialsCore (1.0.0.0)\", style=\"rounded,dashed\", color=red"))
    let svg = try SolpackBinary.run(["graph", "samples/InvoiceFlows", "--format", "svg"]).stdout
    #expect(svg.contains("class=\"node missing\""))
    #expect(svg.contains("stroke=\"#d00000\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\""))
  }

  @Test func sarifGoldens() throws {
    let refused = try SolpackBinary.run(["check", "samples/InvoiceFlows", "--format", "sarif"])
    #expect(refused.status == 1)
    try assertGolden(refused.stdout, named: "check-InvoiceFlows.sarif")
    let passed = try SolpackBinary.run(["check"] + Self.pair + ["--format", "sarif"])
    #expect(passed.status == 0, "\(passed.stderr)")
    try assertGolden(passed.stdout, named: "check-samples.sarif")
  }

  /// One SARIF result per diagnostic of the JSON report, with the same id and level.
  @Test func sarifHasOneResultPerDiagnostic() throws {
    for inputs in [["samples/InvoiceFlows"], Self.pair] + (Self.corpusArchive.map { [[$0]] } ?? [])
    {
      let json = try SolpackBinary.run(["check"] + inputs + ["--format", "json"]).stdout
      let sarif = try SolpackBinary.run(["check"] + inputs + ["--format", "sarif"]).stdout
      let report = try #require(
        try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
      var diagnostics = report["diagnostics"] as? [[String: Any]] ?? []
      for solution in report["solutions"] as? [[String: Any]] ?? [] {
        diagnostics += solution["diagnostics"] as? [[String: Any]] ?? []
      }
      let log = try #require(
        try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
      let run = try #require((log["runs"] as? [[String: Any]])?.first)
      let results = run["results"] as? [[String: Any]] ?? []
      #expect(results.map { $0["ruleId"] as? String } == diagnostics.map { $0["id"] as? String })
      #expect(
        results.map { $0["level"] as? String } == diagnostics.map { $0["severity"] as? String })
      for (result, diagnostic) in zip(results, diagnostics) where diagnostic["entry"] != nil {
        let location = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"]
        let uri = ((location as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"]
        #expect(uri as? String == diagnostic["entry"] as? String)
      }
    }
  }

  /// What SARIF 2.1.0 requires beyond the shape docs/schemas/sarif.schema.json checks: each
  /// result's ruleIndex names the rule with its id, each artifact index the artifact with its
  /// uri, and each parentIndex an earlier artifact.
  @Test func sarifIndexesAreConsistent() throws {
    var inputs = [["samples/InvoiceFlows"], Self.pair]
    if let archive = Self.corpusArchive { inputs.append([archive]) }
    for input in inputs {
      let sarif = try SolpackBinary.run(["check"] + input + ["--format", "sarif"]).stdout
      let log = try #require(
        try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
      #expect(log["version"] as? String == "2.1.0")
      let run = try #require((log["runs"] as? [[String: Any]])?.first)
      let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
      let rules = driver["rules"] as? [[String: Any]] ?? []
      let artifacts = run["artifacts"] as? [[String: Any]] ?? []
      #expect(Set(rules.compactMap { $0["id"] as? String }).count == rules.count)
      for (index, artifact) in artifacts.enumerated() {
        if let parent = artifact["parentIndex"] as? Int { #expect(parent < index) }
      }
      for result in run["results"] as? [[String: Any]] ?? [] {
        let ruleIndex = try #require(result["ruleIndex"] as? Int)
        #expect(rules[ruleIndex]["id"] as? String == result["ruleId"] as? String)
        for location in result["locations"] as? [[String: Any]] ?? [] {
          guard let physical = location["physicalLocation"] as? [String: Any],
            let artifact = physical["artifactLocation"] as? [String: Any]
          else { continue }
          let index = try #require(artifact["index"] as? Int)
          let listed = (artifacts[index]["location"] as? [String: Any])?["uri"] as? String
          #expect(listed == artifact["uri"] as? String)
        }
      }
    }
  }

  @Test func corpusArchiveWithMissingDependencies() throws {
    guard let archive = Self.corpusArchive else {
      print(
        "SKIP ReportsEndToEndTests.corpusArchiveWithMissingDependencies: ../shared/corpus not found"
      )
      return
    }
    let mermaid = try SolpackBinary.run(["graph", archive, "--format", "mermaid"])
    #expect(mermaid.status == 0)
    #expect(mermaid.stdout.contains("[\"missing: msdynce_Sales (9.0.4.0076)\"]:::missing"))
    let components = try SolpackBinary.run(["graph", archive, "--level", "component"]).stdout
    #expect(components.contains("missing: Entity quote"))
    #expect(components.contains("connector: shared_office365"))
    let sarif = try SolpackBinary.run(["check", archive, "--format", "sarif"])
    #expect(sarif.status == 1)
    #expect(sarif.stdout.contains("\"ruleId\" : \"missing-dependency\""))
    let folder = TestFolder()
    for (format, arguments) in [
      ("svg", ["graph", archive, "--format", "svg", "--level", "component"]),
      ("html", ["graph", archive, "--format", "html", "--level", "component"]),
      ("html", ["check", archive, "--format", "html"]),
    ] {
      let run = try SolpackBinary.run(arguments)
      #expect(run.stdout.contains("msdynce_Sales"))
      try Self.expectWellFormed(run.stdout, format: format, in: folder)
    }
  }

  @Test func htmlReportsAreWrittenWithReport() throws {
    let folder = TestFolder()
    let check = try SolpackBinary.run(
      [
        "check", "samples/InvoiceFlows", "--report", folder.path("check.html").path,
        "--report-format", "html",
      ])
    #expect(check.status == 1)
    let html = try String(contentsOf: folder.path("check.html"), encoding: .utf8)
    #expect(html.contains("Refused: nothing was changed"))
    #expect(html.contains("<svg"))
    try Self.expectWellFormed(html, format: "html", in: folder)
    let diff = try SolpackBinary.run(
      [
        "diff", "samples/CredentialsCore", "samples/InvoiceFlows", "--report",
        folder.path("diff.html").path,
      ])
    #expect(diff.status == 0, "\(diff.stderr)")
    let diffHTML = try String(contentsOf: folder.path("diff.html"), encoding: .utf8)
    #expect(diffHTML.contains("Process Invoices"))
    try Self.expectWellFormed(diffHTML, format: "html", in: folder)
  }

  /// Self-contained: nothing is loaded from anywhere.
  @Test func htmlLoadsNothing() throws {
    for arguments in [
      ["check", "samples/InvoiceFlows", "--format", "html"],
      ["diff", "samples/CredentialsCore", "samples/InvoiceFlows", "--format", "html"],
      ["graph"] + Self.pair + ["--format", "html", "--level", "component"],
    ] {
      let html = try SolpackBinary.run(arguments).stdout
      #expect(html.hasPrefix("<!DOCTYPE html>"))
      for banned in ["<script", "<link", "src=", "@import", "url(http", "href=\"http"] {
        #expect(!html.contains(banned), "\(arguments[0]) holds \(banned)")
      }
      #expect(html.contains("@media print"))
      #expect(html.contains("@media (max-width: 640px)"))
    }
  }

  /// A secret's value never reaches a report: the sample's Secret env var has a Key Vault
  /// reference as its value in the settings, and none of the outputs may hold it.
  @Test func secretValuesNeverAppear() throws {
    let folder = TestFolder()
    let secret =
      "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v/secrets/do-not-print"
    let settings = folder.path("settings.json")
    try Data(
      """
      {"EnvironmentVariables":[{"SchemaName":"contoso_InvoicePortalPassword","Value":"\(secret)"},
      {"SchemaName":"contoso_InvoicePortalUsername","Value":"robot@contoso.com"}],
      "ConnectionReferences":[]}
      """.utf8
    ).write(to: settings)
    for format in ["html", "sarif", "json", "text"] {
      let run = try SolpackBinary.run(
        ["check"] + Self.pair + ["--settings", settings.path, "--format", format])
      #expect(!run.stdout.contains("do-not-print"), "\(format)")
      #expect(!run.stderr.contains("do-not-print"), "\(format)")
    }
  }

  static func expectWellFormed(
    _ text: String, format: String, in folder: TestFolder,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    guard let xmllint = ExternalTool.find(["xmllint"]) else {
      ExternalTool.missing("xmllint", suite: "ReportsEndToEndTests", sourceLocation: sourceLocation)
      return
    }
    let file = folder.path("check-\(UUID().uuidString).\(format)")
    try Data(text.utf8).write(to: file)
    // The HTML is written as polyglot markup (void elements closed), so it parses as XML.
    let arguments = ["--noout", file.path]
    let run = try ExternalTool.run(xmllint, arguments)
    #expect(run.status == 0, "\(run.stderr)", sourceLocation: sourceLocation)
    #expect(run.stderr.isEmpty, "\(run.stderr)", sourceLocation: sourceLocation)
  }
}
