import Foundation
import SolpackEnvironment
import SolpackTestSupport
import Testing

/// Each kind of HTML report rendered by headless Chromium (Debian's `chromium`): the DOM
/// after rendering holds the verdict, every diagnostic id of the report and every node of
/// the graph; a screenshot of each, wide and narrow, is kept under .build-artifacts/browser.
@Suite(.serialized) struct BrowserTests {
  static let chromium = ExternalTool.find(["chromium", "chromium-browser", "google-chrome"])
  static let artifacts = SolpackBinary.packageRoot.appendingPathComponent(
    ".build-artifacts/browser")
  static let pair = ["samples/CredentialsCore", "samples/InvoiceFlows"]

  /// Renders `html` and returns the DOM Chromium ends with; saves screenshots as `name`.
  func render(_ html: String, name: String, folder: TestFolder) throws -> String? {
    guard let chromium = Self.chromium else {
      ExternalTool.missing("chromium", suite: "BrowserTests")
      return nil
    }
    let page = folder.path("\(name).html")
    try Data(html.utf8).write(to: page)
    let profile = folder.path("profile-\(name)").path
    let common = [
      "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
      "--user-data-dir=\(profile)",
    ]
    let dom = try ExternalTool.run(chromium, common + ["--dump-dom", page.absoluteString])
    #expect(dom.status == 0, "\(dom.stderr.suffix(500))")
    try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
    for (suffix, size) in [("", "1280,1600"), ("-narrow", "390,1600")] {
      let shot = Self.artifacts.appendingPathComponent("\(name)\(suffix).png")
      try? FileManager.default.removeItem(at: shot)
      let run = try ExternalTool.run(
        chromium,
        common + ["--window-size=\(size)", "--screenshot=\(shot.path)", page.absoluteString])
      #expect(run.status == 0)
      #expect(FileManager.default.fileExists(atPath: shot.path), "no screenshot \(shot.path)")
      print("BrowserTests: screenshot \(shot.path)")
    }
    return dom.stdout
  }

  func diagnosticIDs(_ json: String) throws -> Set<String> {
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    var diagnostics = report["diagnostics"] as? [[String: Any]] ?? []
    for solution in report["solutions"] as? [[String: Any]] ?? [] {
      diagnostics += solution["diagnostics"] as? [[String: Any]] ?? []
    }
    return Set(diagnostics.compactMap { $0["id"] as? String })
  }

  func expectNodes(_ inputs: [String], level: DependencyGraph.Level, in dom: String) {
    let graph = DependencyGraphBuilder.build(
      inputs.map { SolpackBinary.packageRoot.appendingPathComponent($0).path }, level: level
    ).graph
    #expect(!graph.nodes.isEmpty)
    for node in graph.nodes {
      #expect(dom.contains("data-id=\"\(node.id)\""), "node \(node.id) not rendered")
    }
  }

  @Test func checkReport() throws {
    let folder = TestFolder()
    let inputs = ["samples/InvoiceFlows"]
    let html = try SolpackBinary.run(["check"] + inputs + ["--format", "html"]).stdout
    guard let dom = try render(html, name: "check-refused", folder: folder) else { return }
    #expect(dom.contains("Refused: nothing was changed"))
    let ids = try diagnosticIDs(
      try SolpackBinary.run(["check"] + inputs + ["--format", "json"]).stdout)
    #expect(ids.contains("missing-dependency"))
    for id in ids { #expect(dom.contains("data-id=\"\(id)\""), "\(id) not rendered") }
    expectNodes(inputs, level: .solution, in: dom)
  }

  @Test func importReport() throws {
    let folder = TestFolder()
    let env = folder.path("env.sqlite").path
    let run = try SolpackBinary.run(
      ["import"] + Self.pair + [
        "--env", env, "--format", "html", "--report", folder.path("r.json").path,
      ])
    #expect(run.status == 0, "\(run.stderr)")
    guard let dom = try render(run.stdout, name: "import-imported", folder: folder) else { return }
    #expect(dom.contains(">Imported<"))
    let ids = try diagnosticIDs(try String(contentsOf: folder.path("r.json"), encoding: .utf8))
    for id in ids { #expect(dom.contains("data-id=\"\(id)\""), "\(id) not rendered") }
    expectNodes(Self.pair, level: .solution, in: dom)
    #expect(dom.contains("Process Invoices"))
  }

  @Test func diffReport() throws {
    let folder = TestFolder()
    let html = try SolpackBinary.run(
      ["diff", "samples/CredentialsCore", "samples/InvoiceFlows", "--format", "html"]
    ).stdout
    guard let dom = try render(html, name: "diff", folder: folder) else { return }
    #expect(dom.contains("components differ"))
    #expect(dom.contains("class=\"side\""))
    #expect(dom.contains("Download Invoices"))
  }

  @Test func graphPage() throws {
    let folder = TestFolder()
    let html = try SolpackBinary.run(
      ["graph"] + Self.pair.reversed() + ["--format", "html", "--level", "component"]
    ).stdout
    guard let dom = try render(html, name: "graph-component", folder: folder) else { return }
    expectNodes(Self.pair, level: .component, in: dom)
    guard let archive = ReportsEndToEndTests.corpusArchive else { return }
    let corpus = try SolpackBinary.run([
      "graph", archive, "--format", "html", "--level", "component",
    ]).stdout
    guard let corpusDOM = try render(corpus, name: "graph-corpus-missing", folder: folder) else {
      return
    }
    #expect(corpusDOM.contains("class=\"node missing\""))
  }
}
