import Foundation
import SolpackTestSupport
import Testing

/// `solpack diff` with the real binary, on pairs built from the samples.
@Suite struct DiffEndToEndTests {
  static let keyVault =
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-automation/providers/Microsoft.KeyVault/vaults/kv-contoso-automation/secrets/invoice-portal-password"

  /// CredentialsCore before and after: a default added and changed, a Secret's value
  /// changed, the credential re-pointed, a connection reference added.
  static func credentialsPair(_ folder: TestFolder) throws -> (String, String) {
    let defaultValue = { (value: String) in
      { (text: String) in
        text.replacingOccurrences(
          of: "  <description default=",
          with: "  <defaultvalue>\(value)</defaultvalue>\n  <description default=")
      }
    }
    let before = try ImportEndToEndTests.variant(
      "CredentialsCore", in: folder, named: "before",
      edits: [
        "environmentvariabledefinitions/contoso_InvoicePortalUsername/environmentvariabledefinition.xml":
          defaultValue("CONTOSO\\svc-old")
      ])
    let after = try ImportEndToEndTests.variant(
      "CredentialsCore", in: folder, named: "after",
      edits: [
        "environmentvariabledefinitions/contoso_InvoicePortalUsername/environmentvariabledefinition.xml":
          defaultValue("CONTOSO\\svc-new"),
        "environmentvariabledefinitions/contoso_InvoicePortalPassword/environmentvariablevalues.json":
          {
            $0.replacingOccurrences(of: keyVault, with: keyVault + "-rotated")
          },
        "credentials/InvoicePortalLogin/credential.xml": {
          $0.replacingOccurrences(
            of: "<password>contoso_InvoicePortalPassword</password>",
            with: "<password>contoso_InvoicePortalPassword2</password>")
        },
        "Other/Customizations.xml": {
          $0.replacingOccurrences(
            of: "  </connectionreferences>",
            with: """
                  <connectionreference connectionreferencelogicalname="contoso_TeamsConnection">
                    <connectionreferencedisplayname>Teams</connectionreferencedisplayname>
                    <connectorid>/providers/Microsoft.PowerApps/apis/shared_teams</connectorid>
                    <iscustomizable>1</iscustomizable>
                    <statecode>0</statecode>
                    <statuscode>1</statuscode>
                  </connectionreference>
                </connectionreferences>
              """)
        },
      ])
    return (before, after)
  }

  /// InvoiceFlows before and after: a version bump, a flow action changed, a part removed.
  static func flowsPair(_ folder: TestFolder) throws -> (String, String) {
    let before = try ImportEndToEndTests.variant(
      "InvoiceFlows", in: folder, named: "flows-before",
      edits: [:], extra: ["WebResources/contoso_logo.png": Data([0x89, 0x50, 0x4E, 0x47, 1, 2, 3])])
    let after = try ImportEndToEndTests.variant(
      "InvoiceFlows", in: folder, named: "flows-after",
      edits: [
        "Other/Solution.xml": {
          $0.replacingOccurrences(
            of: "<Version>1.0.0.0</Version>", with: "<Version>1.1.0.0</Version>")
        },
        "Workflows/ProcessInvoices-7E4A2C91-3B5D-EF11-8409-000D3A5C2E17.json": {
          $0.replacingOccurrences(
            of: "\"runMode\": \"unattended\"", with: "\"runMode\": \"attended\"")
        },
      ])
    return (before, after)
  }

  @Test func credentialsPairInEveryFormat() throws {
    let folder = TestFolder()
    let (a, b) = try Self.names(Self.credentialsPair(folder))
    for (format, golden) in [
      ("text", "diff-credentials.txt"), ("json", "diff-credentials.json"),
      ("markdown", "diff-credentials.md"),
    ] {
      let run = try SolpackBinary.run(["diff", a, b, "--format", format], in: folder.url)
      #expect(run.status == 0)
      #expect(run.stderr == "")
      try assertGolden(Self.relative(run.stdout, folder), named: golden)
      #expect(!run.stdout.contains("rotated"), "a Secret's value must never show")
      #expect(!run.stdout.contains("kv-contoso-automation"))
    }
  }

  @Test func flowsPairInEveryFormat() throws {
    let folder = TestFolder()
    let (a, b) = try Self.names(Self.flowsPair(folder))
    for (format, golden) in [
      ("text", "diff-flows.txt"), ("json", "diff-flows.json"), ("markdown", "diff-flows.md"),
    ] {
      let run = try SolpackBinary.run(["diff", a, b, "--format", format], in: folder.url)
      #expect(run.status == 0)
      try assertGolden(Self.relative(run.stdout, folder), named: golden)
    }
    let text = try SolpackBinary.run(["diff", a, b], in: folder.url).stdout
    #expect(text.contains("/properties/definition/actions/"))
    #expect(text.contains("\"unattended\" → \"attended\""))
    let stat = try SolpackBinary.run(["diff", a, b, "--stat"], in: folder.url)
    try assertGolden(Self.relative(stat.stdout, folder), named: "diff-flows-stat.txt")
    let exit = try SolpackBinary.run(["diff", a, b, "--exit-code"], in: folder.url)
    #expect(exit.status == 1)
    #expect(try SolpackBinary.run(["diff", a, a, "--exit-code"], in: folder.url).status == 0)
  }

  /// An archive against its own unpacked folder, and against a shuffled copy.
  @Test func archiveAgainstItsUnpackedFolderIsIdentical() throws {
    let folder = TestFolder()
    let archive = folder.path("InvoiceFlows.zip").path
    #expect(try SolpackBinary.run(["pack", "samples/InvoiceFlows", archive]).status == 0)
    #expect(try SolpackBinary.run(["unpack", archive, folder.path("tree").path]).status == 0)
    let run = try SolpackBinary.run(["diff", archive, folder.path("tree").path, "--exit-code"])
    #expect(run.status == 0, "\(run.stdout)")
    #expect(run.stdout.contains("No differences."))
    let samples = try SolpackBinary.run(["diff", "samples/InvoiceFlows", archive, "--exit-code"])
    #expect(samples.status == 0, "\(samples.stdout)")
  }

  /// Archive names relative to the test folder, so reports do not hold temporary paths.
  static func names(_ pair: (String, String)) -> (String, String) {
    ((pair.0 as NSString).lastPathComponent, (pair.1 as NSString).lastPathComponent)
  }

  static func relative(_ text: String, _ folder: TestFolder) -> String {
    text.replacingOccurrences(of: folder.url.path + "/", with: "")
  }
}
