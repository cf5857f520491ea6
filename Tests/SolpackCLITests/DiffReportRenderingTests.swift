import Foundation
import SolpackDiff
import SolpackModel
import Testing

@testable import SolpackCLI

/// The diff's text, stat, Markdown and JSON, from reports built by hand so the renderers are
/// tested without the engine.
struct DiffReportRenderingTests {
  static let flowID = "7e4a2c91-3b5d-ef11-8409-000d3a5c2e17"
  static let actions = "/properties/definition/actions"

  static let identical = DiffReport(a: "InvoiceFlows.zip", b: "out/InvoiceFlows", changes: [])

  /// One change of each sort: InvoiceFlows 1.0.0.0 against a 1.1.0.0 someone edited.
  static let full = DiffReport(
    a: "InvoiceFlows.zip", b: "InvoiceFlows-2.zip",
    changes: [
      // Given out of order: the report sorts by kind, then key.
      .init(
        kind: .part, key: "WebResources/logo.png", change: .removed,
        entry: "WebResources/logo.png"),
      .init(
        kind: .manifest, key: "InvoiceFlows", change: .changed, entry: "solution.xml",
        fields: [.init(path: "version", old: "1.0.0.0", new: "1.1.0.0")]),
      .init(
        kind: .cloudFlow, key: flowID, name: "Process Invoices", change: .changed,
        entry: "Workflows/ProcessInvoices-7E4A2C91-3B5D-EF11-8409-000D3A5C2E17.json",
        fields: [
          .init(
            path: "\(actions)/Run_desktop_flow/inputs/parameters/runMode",
            old: #""unattended""#, new: #""attended""#),
          .init(
            path: "\(actions)/Send_email/inputs/parameters/emailMessage~1Importance",
            new: #""High""#),
          .init(
            path: "\(actions)/Compose_lines/inputs",
            old: #""@{join(variables('lines'), '|')}""#),
        ]),
      .init(
        kind: .connectionReference, key: "contoso_Teams", name: "Contoso Teams",
        change: .added, entry: "customizations.xml"),
      .init(
        kind: .environmentVariable, key: "contoso_InvoicePortalUrl", change: .changed,
        entry: "environmentvariabledefinitions/contoso_InvoicePortalUrl/"
          + "environmentvariabledefinition.xml",
        fields: [
          .init(
            path: "environmentvariabledefinition/defaultvalue",
            old: "https://portal.contoso.com", new: "https://invoices.contoso.com")
        ]),
      .init(
        kind: .environmentVariable, key: "contoso_InvoicePortalPassword", change: .changed,
        entry: "environmentvariabledefinitions/contoso_InvoicePortalPassword/"
          + "environmentvariablevalues.json",
        fields: [.init(path: "value", note: "value changed (secret, not shown)")]),
      .init(
        kind: .credential, key: "Invoice Portal Login", change: .changed,
        entry: "credentials/InvoicePortalLogin/credential.xml",
        fields: [.init(path: "credential/password", old: "contoso_Old", new: "contoso_New")]),
    ],
    diagnostics: [
      .warning(
        "part-unknown", "WebResources/logo.png is not a kind solpack knows; compared by bytes",
        entry: "WebResources/logo.png")
    ])

  // MARK: Goldens

  @Test func identicalSaysSoEverywhere() throws {
    let report = Self.identical
    #expect(report.text(color: false) == "No differences.")
    #expect(report.text(color: true) == "No differences.")
    #expect(report.statText() == "No differences.")
    try assertGolden(report.markdown() + "\n", named: "diff-report-identical.md")
    try assertGolden(try report.json() + "\n", named: "diff-report-identical.json")
  }

  @Test func fullMatchesGoldens() throws {
    let report = Self.full
    // Console.out adds the final newline; the goldens hold what a terminal shows.
    try assertGolden(report.text(color: false) + "\n", named: "diff-report-full.txt")
    try assertGolden(report.statText() + "\n", named: "diff-report-full-stat.txt")
    try assertGolden(report.markdown() + "\n", named: "diff-report-full.md")
    try assertGolden(try report.json() + "\n", named: "diff-report-full.json")
  }

  // MARK: Colour

  @Test func colourIsTheOnlyDifference() {
    let plain = Self.full.text(color: false)
    let coloured = Self.full.text(color: true)
    #expect(coloured.contains("\u{1B}["))
    #expect(!plain.contains("\u{1B}"))
    #expect(Self.strippingANSI(coloured) == plain)
    #expect(coloured.contains("\u{1B}[32m+ connection reference Contoso Teams (contoso_Teams)"))
    #expect(coloured.contains("\u{1B}[31m- part WebResources/logo.png\u{1B}[0m"))
    #expect(coloured.contains("\u{1B}[33m~ solution manifest\u{1B}[0m"))
    #expect(coloured.contains("\u{1B}[2m[solution.xml]\u{1B}[0m"))
  }

  /// A value cannot colour the terminal or break a line: its control characters show escaped.
  @Test func controlCharactersInValuesAreEscaped() {
    let report = DiffReport(
      a: "a.zip", b: "b.zip",
      changes: [
        .init(
          kind: .workflow, key: "wf", change: .changed,
          fields: [.init(path: "Workflow/Description", old: "one\ntwo", new: "\u{1B}[31mred")])
      ])
    let text = report.text(color: false)
    #expect(!text.contains("\u{1B}"))
    #expect(text.contains(#"Workflow/Description: one\ntwo → \u{1B}[31mred"#))
  }

  // MARK: Secrets

  /// A note stands in for a Secret's value; values set beside it by mistake never show.
  @Test func secretShowsOnlyAsItsNote() throws {
    let note = "value changed (secret, not shown)"
    let report = DiffReport(
      a: "a.zip", b: "b.zip",
      changes: [
        .init(
          kind: .environmentVariable, key: "contoso_Password", change: .changed,
          fields: [.init(path: "value", old: "hunter2-old", new: "hunter2-new", note: note)])
      ])
    let outputs = [
      report.text(color: false), report.text(color: true), report.statText(),
      report.markdown(), try report.json(),
    ]
    for output in outputs {
      #expect(!output.contains("hunter2"))
    }
    #expect(report.text(color: false).contains("    value: \(note)"))
    #expect(report.markdown().contains("| `value` | *\(note)* |  |"))
    let decoded = try Self.decode(try report.json())
    #expect(decoded.changes[0].fields == [.init(path: "value", note: note)])
  }

  // MARK: JSON

  @Test(arguments: ["identical", "full"])
  func jsonDecodesToTheSameReport(name: String) throws {
    let report = name == "full" ? Self.full : Self.identical
    let output = try Self.decode(try report.json())
    #expect(output.report == report)
    #expect(output.identical == report.identical)
    #expect(output.schemaVersion == 1)
  }

  @Test func jsonStatIsKeyedByKind() throws {
    let output = try Self.decode(try Self.full.json())
    #expect(output.stat["cloud-flow"] == .init(changed: 1))
    #expect(output.stat["environment-variable"] == .init(changed: 2))
    #expect(output.stat["connection-reference"] == .init(added: 1))
    #expect(output.stat["part"] == .init(removed: 1))
    #expect(output.stat.count == 6)
    let json = try Self.full.json()
    #expect(json.contains(#""entry" : "WebResources/logo.png""#))
    #expect(!json.contains("null"))
  }

  // MARK: Pieces

  @Test func stat() {
    #expect(
      Self.full.statText() == """
        solution manifest: 1 changed
        cloud flow: 1 changed
        connection reference: 1 added
        environment variable: 2 changed
        credential: 1 changed
        part: 1 removed
        7 components differ: 1 added, 1 removed, 5 changed.
        """)
    let one = DiffReport(
      a: "a", b: "b", changes: [.init(kind: .part, key: "x", change: .added)])
    #expect(one.statText() == "part: 1 added\n1 component differs: 1 added.")
  }

  @Test func markdownCodeSpansHoldAnyValue() {
    #expect(DiffReport.code("a|b") == #"`a\|b`"#)
    #expect(DiffReport.code("run `x`") == "`` run `x` ``")
    #expect(DiffReport.code("``") == "``` `` ```")
    #expect(DiffReport.code("one\ntwo") == #"`one\ntwo`"#)
    #expect(DiffReport.code("") == "(empty)")
    #expect(DiffReport.escaped("@team fix #12 *now*") == ##"\@team fix \#12 \*now\*"##)
  }

  @Test func guidKeysShortenOnlyBesideAName() {
    let text = Self.full.text(color: false)
    #expect(text.contains("~ cloud flow Process Invoices (7e4a2c91-…)"))
    let unnamed = DiffReport(
      a: "a", b: "b", changes: [.init(kind: .cloudFlow, key: Self.flowID, change: .removed)])
    #expect(unnamed.text(color: false).contains("- cloud flow \(Self.flowID)"))
  }

  // MARK: Helpers

  static func decode(_ json: String) throws -> DiffReport.JSONOutput {
    try JSONDecoder().decode(DiffReport.JSONOutput.self, from: Data(json.utf8))
  }

  static func strippingANSI(_ text: String) -> String {
    text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
  }
}
