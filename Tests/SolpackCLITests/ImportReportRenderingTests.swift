import Foundation
import SolpackEnvironment
import SolpackModel
import Testing

@testable import SolpackCLI

/// The import report's text, JUnit and JSON, from reports built by hand so the renderers are
/// tested without the engine.
struct ImportReportRenderingTests {
  /// 2026-01-01T00:00:00Z: whole seconds, so ISO 8601 round-trips exactly.
  static let startedAt = Date(timeIntervalSince1970: 1_767_225_600)

  /// The samples pair imported in order: CredentialsCore provides, InvoiceFlows uses.
  static let importedPair = ImportReport(
    mode: .import, outcome: .imported, environment: "env.sqlite", startedAt: startedAt,
    plan: [
      .init(
        uniqueName: "CredentialsCore", version: "1.0.0.0", managed: false,
        source: "CredentialsCore.zip", action: .install),
      .init(
        uniqueName: "InvoiceFlows", version: "1.0.0.0", managed: false,
        source: "InvoiceFlows.zip", action: .install, after: ["CredentialsCore"]),
    ],
    solutions: [
      .init(
        uniqueName: "CredentialsCore",
        added: [
          "credential Invoice Portal Login",
          "environment variable contoso_InvoicePortalUsername",
          "environment variable contoso_InvoicePortalPassword",
          "connection reference contoso_DesktopFlowsConnection",
        ],
        checks: [.init(id: "missing-dependency", passed: true)]),
      .init(
        uniqueName: "InvoiceFlows",
        added: ["flow Process Invoices", "desktop flow Download Invoices"],
        flows: [
          .init(id: "7e4a2c91-3b5d-ef11-8409-000d3a5c2e17", name: "Process Invoices", on: true),
          .init(id: "a3f0d6b8-3a5d-ef11-8409-000d3a5c2e17", name: "Download Invoices", on: true),
        ],
        checks: [
          .init(id: "missing-dependency", passed: true),
          .init(id: "connection-reference-unbound", passed: true),
        ]),
    ])

  /// InvoiceFlows alone into an empty environment: what it needs is nowhere.
  static let refused = ImportReport(
    mode: .import, outcome: .refused, environment: "env.sqlite", startedAt: startedAt,
    plan: [
      .init(
        uniqueName: "InvoiceFlows", version: "1.0.0.0", managed: false,
        source: "InvoiceFlows.zip", action: .install)
    ],
    solutions: [
      .init(
        uniqueName: "InvoiceFlows",
        checks: [.init(id: "missing-dependency", passed: false)],
        diagnostics: [
          .error(
            "missing-dependency",
            "workflow \"Process Invoices\" needs connection reference "
              + "contoso_DesktopFlowsConnection, which is neither in env.sqlite nor in this run",
            entry: "solution.xml", component: "workflow \"Process Invoices\"",
            hint: "Import CredentialsCore 1.0.0.0 first, or pass its archive in the same run."),
          .error(
            "missing-dependency",
            "desktop flow \"Download Invoices\" needs credential Invoice Portal Login, which is "
              + "neither in env.sqlite nor in this run",
            entry: "solution.xml", component: "workflow \"Download Invoices\"",
            hint: "Import CredentialsCore 1.0.0.0 first, or pass its archive in the same run."),
        ])
    ],
    diagnostics: [
      .warning(
        "setting-unused",
        "settings give a value for contoso_Unused & <nothing> in this run uses it",
        entry: "settings.json", hint: "Remove it from settings.json.")
    ])

  /// A dry run of an upgrade that leaves Process Invoices off until its reference is bound.
  static let flowOff = ImportReport(
    mode: .dryRun, outcome: .passed, environment: "env.sqlite", startedAt: startedAt,
    plan: [
      .init(
        uniqueName: "CredentialsCore", version: "1.0.0.0", managed: false,
        source: "CredentialsCore.zip", action: .skip, installedVersion: "1.0.0.0"),
      .init(
        uniqueName: "InvoiceFlows", version: "1.1.0.0", managed: true,
        source: "out/InvoiceFlows_managed.zip", action: .upgrade, installedVersion: "1.0.0.0",
        after: ["CredentialsCore"]),
    ],
    solutions: [
      .init(uniqueName: "CredentialsCore"),
      .init(
        uniqueName: "InvoiceFlows",
        added: (1...7).map { "flow Archive Invoices \($0)" },
        updated: ["flow Process Invoices", "desktop flow Download Invoices"],
        removed: ["flow Old Import"],
        flows: [
          .init(
            id: "7e4a2c91-3b5d-ef11-8409-000d3a5c2e17", name: "Process Invoices", on: false,
            reasons: ["connection reference contoso_DesktopFlowsConnection is not bound"]),
          .init(id: "a3f0d6b8-3a5d-ef11-8409-000d3a5c2e17", name: "Download Invoices", on: true),
        ],
        checks: [
          .init(id: "missing-dependency", passed: true),
          .init(id: "connection-reference-unbound", passed: true),
        ],
        diagnostics: [
          .warning(
            "connection-reference-unbound",
            "connection reference contoso_DesktopFlowsConnection has no connection in "
              + "env.sqlite; Process Invoices stays off",
            entry: "Workflows/ProcessInvoices-7E4A2C91-3B5D-EF11-8409-000D3A5C2E17.json",
            hint: "Bind it in the settings file: ConnectionReferences → ConnectionId.")
        ]),
    ])

  static let reports: [(String, ImportReport)] = [
    ("imported", importedPair), ("refused", refused), ("flow-off", flowOff),
  ]

  /// A diagnostic's lines (message, hint, any line break inside a message) each get
  /// two spaces, and text outside ASCII comes through whole.
  @Test func diagnosticLinesAreIndented() {
    #expect(
      ImportReport.indented("a: error: [x] one\n  hint: two")
        == "  a: error: [x] one\n    hint: two")
    #expect(ImportReport.indented("Grüße\n\nend") == "  Grüße\n  \n  end")
    #expect(ImportReport.indented("") == "  ")
  }

  @Test(arguments: ImportReportRenderingTests.reports.map(\.0))
  func textMatchesGolden(name: String) throws {
    let report = try #require(Self.reports.first { $0.0 == name }?.1)
    // Console.out adds the final newline; the golden holds what a terminal shows.
    try assertGolden(report.text() + "\n", named: "import-report-\(name).txt")
  }

  @Test(arguments: ImportReportRenderingTests.reports.map(\.0))
  func junitMatchesGoldenAndIsWellFormed(name: String) throws {
    let report = try #require(Self.reports.first { $0.0 == name }?.1)
    let xml = report.junit()
    try assertGolden(xml + "\n", named: "import-report-\(name).junit.xml")
    try expectWellFormedXML(xml)
  }

  @Test(arguments: ImportReportRenderingTests.reports.map(\.0))
  func jsonRoundTrips(name: String) throws {
    let report = try #require(Self.reports.first { $0.0 == name }?.1)
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    let decoded = try decoder.decode(ImportReport.self, from: Data(try report.json().utf8))
    #expect(decoded == report)
  }

  @Test func jsonMatchesGolden() throws {
    try assertGolden(try Self.refused.json() + "\n", named: "import-report-refused.json")
  }

  @Test func jsonKeepsSlashesAndDatesReadable() throws {
    let json = try Self.flowOff.json()
    #expect(json.contains(#""startedAt" : "2026-01-01T00:00:00Z""#))
    #expect(json.contains(#""source" : "out/InvoiceFlows_managed.zip""#))
    #expect(json.contains(#""mode" : "dry-run""#))
  }

  @Test func verdictSaysWhetherTheEnvironmentChanged() {
    #expect(Self.importedPair.text().hasSuffix("Imported 2 solutions into env.sqlite."))
    #expect(Self.refused.text().hasSuffix("nothing was changed."))
    #expect(Self.flowOff.text().hasSuffix("nothing was changed."))
    var check = Self.importedPair
    check.mode = .check
    check.outcome = .passed
    check.environment = nil
    #expect(check.text().hasSuffix("Check passed: 2 solutions, 0 warnings; nothing was changed."))
  }

  @Test func junitCountsFailuresAndKeepsUncheckedErrors() {
    var report = Self.refused
    // An error whose id no check names still fails a test case.
    report.solutions[0].diagnostics.append(.error("flow-unreadable", "Workflows/X.json is empty"))
    let xml = report.junit()
    #expect(xml.contains(#"<testsuites name="solpack import" tests="3" failures="2" errors="0">"#))
    #expect(xml.contains(#"<testcase classname="InvoiceFlows" name="flow-unreadable">"#))
    #expect(xml.contains(#"<testsuite name="run" tests="1" failures="0""#))
  }

  /// `xmllint --noout` exits 0 only for well-formed XML; FoundationXML is not used here.
  private func expectWellFormedXML(_ xml: String) throws {
    let xmllint = "/usr/bin/xmllint"
    guard FileManager.default.isExecutableFile(atPath: xmllint) else {
      print("SKIP: \(xmllint) not found; JUnit output not checked for well-formedness")
      return
    }
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("solpack-junit-\(UUID().uuidString).xml")
    try Data(xml.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: xmllint)
    process.arguments = ["--noout", file.path]
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let message = String(
      decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "xmllint: \(message)")
  }
}
