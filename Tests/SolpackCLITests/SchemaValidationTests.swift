import Foundation
import SolpackTestSupport
import Testing

/// Every JSON output validates against its schema in docs/schemas (Python's jsonschema, draft
/// 2020-12): real outputs from the samples, the corpus and the recorded goldens; and a broken
/// document is rejected, so the schemas are strict enough to matter.
@Suite struct SchemaValidationTests {
  static let pair = ["samples/CredentialsCore", "samples/InvoiceFlows"]

  func expectValid(
    _ json: String, _ schema: String, _ label: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    guard let errors = try SchemaValidator.errors(json, schema: schema) else {
      ExternalTool.missing(
        "python3 with jsonschema", suite: "SchemaValidationTests", sourceLocation: sourceLocation)
      return
    }
    #expect(
      errors.isEmpty, "\(label): \(errors.joined(separator: "; "))", sourceLocation: sourceLocation)
  }

  @Test func inspect() throws {
    let inputs =
      ["samples/CredentialsCore", "samples/InvoiceFlows"] + CorpusEndToEndTests.inputs.prefix(4)
    for input in inputs {
      let run = try SolpackBinary.run(["inspect", input, "--format", "json"])
      try expectValid(run.stdout, "inspect.schema.json", input)
    }
  }

  @Test func importAndCheckReports() throws {
    let folder = TestFolder()
    let env = folder.path("env.sqlite").path
    var outputs = [
      try SolpackBinary.run(["check", "samples/InvoiceFlows", "--format", "json"]).stdout,
      try SolpackBinary.run(["check"] + Self.pair + ["--format", "json"]).stdout,
      try SolpackBinary.run(
        ["import"] + Self.pair + ["--env", env, "--format", "json", "--dry-run"]
      ).stdout,
      try SolpackBinary.run(["import"] + Self.pair + ["--env", env, "--format", "json"]).stdout,
    ]
    if let archive = ReportsEndToEndTests.corpusArchive {
      outputs.append(try SolpackBinary.run(["check", archive, "--format", "json"]).stdout)
    }
    for (index, output) in outputs.enumerated() {
      try expectValid(output, "import-report.schema.json", "report \(index)")
    }
  }

  @Test func diff() throws {
    var outputs = [
      try SolpackBinary.run([
        "diff", "samples/CredentialsCore", "samples/InvoiceFlows", "--format", "json",
      ]).stdout,
      try SolpackBinary.run([
        "diff", "samples/InvoiceFlows", "samples/InvoiceFlows", "--format", "json",
      ]).stdout,
    ]
    let goldens = SolpackBinary.packageRoot.appendingPathComponent("Tests/SolpackCLITests/Goldens")
    for name in try FileManager.default.contentsOfDirectory(atPath: goldens.path).sorted()
    where name.hasPrefix("diff-") && name.hasSuffix(".json") {
      outputs.append(try String(contentsOf: goldens.appendingPathComponent(name), encoding: .utf8))
    }
    for (index, output) in outputs.enumerated() {
      try expectValid(output, "diff.schema.json", "diff \(index)")
    }
  }

  @Test func sarif() throws {
    var inputs = [["samples/InvoiceFlows"], Self.pair]
    if let archive = ReportsEndToEndTests.corpusArchive { inputs.append([archive]) }
    for input in inputs {
      let run = try SolpackBinary.run(["check"] + input + ["--format", "sarif"])
      try expectValid(run.stdout, "sarif.schema.json", input.joined(separator: " "))
    }
  }

  /// credential list and access, where-used and secret rotated, after a rotation so
  /// every optional field appears.
  @Test func credentialOutputs() throws {
    let folder = TestFolder()
    let env = try CredentialEndToEndTests.environment(folder)
    #expect(
      try SolpackBinary.run(["import", "samples/InvoiceFlows"], environment: env).status == 0)
    #expect(
      try SolpackBinary.run(
        ["credential", "share", "Invoice Portal Login", "--with", "bob", "--role", "user"],
        environment: env
      ).status == 0)
    let rotated = try SolpackBinary.run(
      ["secret", "rotated", "--event", "-", "--format", "json"], environment: env,
      input: Data(SecretEvent.text.utf8))
    try expectValid(rotated.stdout, "secret-rotated.schema.json", "secret rotated")
    let outputs = [
      (["credential", "list", "--format", "json"], "credential-list.schema.json"),
      (
        ["credential", "list", "--format", "json", "--as", "nobody"], "credential-list.schema.json"
      ),
      (
        ["credential", "access", "Invoice Portal Login", "--format", "json"],
        "credential-access.schema.json"
      ),
      (
        ["where-used", "contoso_InvoicePortalUsername", "--format", "json"],
        "where-used.schema.json"
      ),
      (
        ["where-used", "contoso_InvoicePortalPassword", "--format", "json"],
        "where-used.schema.json"
      ),
    ]
    for (arguments, schema) in outputs {
      let run = try SolpackBinary.run(arguments, environment: env)
      #expect(run.status == 0, "\(arguments): \(run.stderr)")
      try expectValid(run.stdout, schema, arguments.joined(separator: " "))
    }
    #expect(
      try SchemaValidator.errors(
        #"{"credentials":[{"name":"x"}],"hidden":0}"#, schema: "credential-list.schema.json")?
        .isEmpty == false)
  }

  @Test func brokenDocumentsAreRejected() throws {
    let report = try SolpackBinary.run(["check", "samples/InvoiceFlows", "--format", "json"]).stdout
    let cases: [(String, String)] = [
      (
        report.replacingOccurrences(
          of: "\"outcome\" : \"refused\"", with: "\"outcome\" : \"maybe\""),
        "import-report.schema.json"
      ),
      (
        report.replacingOccurrences(
          of: "\"severity\" : \"error\"", with: "\"severity\" : \"fatal\""),
        "import-report.schema.json"
      ),
      (
        report.replacingOccurrences(
          of: "\"schemaVersion\" : 1", with: "\"schemaVersion\" : 1, \"extra\" : 0"),
        "import-report.schema.json"
      ),
      (report, "diff.schema.json"),
    ]
    for (document, schema) in cases {
      #expect(document != report || schema != "import-report.schema.json")
      guard let errors = try SchemaValidator.errors(document, schema: schema) else {
        ExternalTool.missing("python3 with jsonschema", suite: "SchemaValidationTests")
        return
      }
      #expect(!errors.isEmpty, "\(schema) accepted a broken document")
    }
  }
}
