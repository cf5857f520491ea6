import Foundation
import SolpackDiff
import SolpackEnvironment
import SolpackModel
import SolpackReports
import SolpackTestSupport
import Testing

/// The HTML renderers from hand-made values: names and messages are text, never markup, and
/// a Secret's field in a diff shows its note, never its values.
struct HTMLRenderingTests {
  static let hostile = "<script>alert(\"x\")</script> & \u{1}"

  @Test func reportValuesAreEscaped() throws {
    var report = ImportReportRenderingTests.refused
    report.diagnostics.append(
      .error(
        "input-unreadable", Self.hostile, entry: "a<b>.xml", component: Self.hostile,
        hint: Self.hostile))
    report.plan[0].source = Self.hostile
    let html = report.html()
    #expect(!html.contains("<script"))
    #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; \u{FFFD}"))
    #expect(html.contains("data-id=\"input-unreadable\""))
    let folder = TestFolder()
    try ReportsEndToEndTests.expectWellFormed(html, format: "html", in: folder)
  }

  @Test func diffShowsNotesNotSecretValues() throws {
    let report = DiffReport(
      a: "a.zip", b: "b.zip",
      changes: [
        .init(
          kind: .environmentVariable, key: "contoso_Password", change: .changed,
          fields: [
            .init(path: "value", old: "old-secret", new: "new-secret", note: "Secret value changed")
          ]),
        .init(
          kind: .cloudFlow, key: "1", name: "Flow <1>", change: .changed,
          fields: [.init(path: "/properties/x", old: "a", new: "b")]),
      ])
    let html = report.html()
    #expect(!html.contains("old-secret") && !html.contains("new-secret"))
    #expect(html.contains("Secret value changed"))
    #expect(html.contains("Flow &lt;1&gt;"))
    #expect(
      html.contains(
        "<div class=\"old\"><code>a</code></div><div class=\"new\"><code>b</code></div>"))
  }

  @Test func graphNodesAreEscapedInEveryFormat() {
    var graph = DependencyGraph(
      level: .solution,
      nodes: [
        .init(id: "solution:a", kind: .solution, label: "A \"quoted\" <x>", origin: .run),
        .init(id: "missing:b", kind: .solution, label: "B & co", origin: .missing),
      ],
      edges: [.init(from: "solution:a", to: "missing:b")])
    graph.nodes[0].layer = 1
    #expect(graph.dot().contains("label=\"A \\\"quoted\\\" <x>\""))
    #expect(graph.mermaid().contains("[\"A #quot;quoted#quot; #lt;x#gt;\"]"))
    #expect(graph.svg().contains(">A &quot;quoted&quot; &lt;x&gt;</text>"))
    #expect(graph.svg().contains(">missing: B &amp; co</text>"))
  }
}
