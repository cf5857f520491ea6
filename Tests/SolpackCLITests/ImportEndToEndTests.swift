import Foundation
import SolpackTestSupport
import Testing

/// The issue's proof, run with the real binary on the samples.
@Suite struct ImportEndToEndTests {
  /// Packs both samples into `folder` and returns the two archive paths.
  static func samples(_ folder: TestFolder) throws -> (credentials: String, flows: String) {
    let credentials = folder.path("CredentialsCore.zip").path
    let flows = folder.path("InvoiceFlows.zip").path
    #expect(try SolpackBinary.run(["pack", "samples/CredentialsCore", credentials]).status == 0)
    #expect(try SolpackBinary.run(["pack", "samples/InvoiceFlows", flows]).status == 0)
    return (credentials, flows)
  }

  /// A copy of a sample with `edit` applied to the files named, packed.
  static func variant(
    _ sample: String, in folder: TestFolder, named name: String,
    edits: [String: (String) -> String],
    extra: [String: Data] = [:]
  ) throws -> String {
    let tree = URL(
      fileURLWithPath: try Samples.copy(sample, into: folder, as: name, editing: edits))
    for (file, data) in extra {
      let url = tree.appendingPathComponent(file)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: url)
    }
    let archive = folder.path("\(name).zip").path
    let run = try SolpackBinary.run(["pack", tree.path, archive])
    #expect(run.status == 0, "\(run.stderr)")
    return archive
  }

  @Test func pairGivenInTheWrongOrderIsImportedInTheRightOrder() throws {
    let folder = TestFolder()
    let (credentials, flows) = try Self.samples(folder)
    let env = folder.path("env.sqlite").path
    let run = try SolpackBinary.run(["import", flows, credentials, "--env", env])
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    let plan = run.stdout.components(separatedBy: "\n").filter {
      $0.hasPrefix("  1.") || $0.hasPrefix("  2.")
    }
    #expect(plan.count == 2)
    #expect(plan.first?.contains("CredentialsCore") == true)
    #expect(plan.last?.contains("InvoiceFlows") == true)
    #expect(plan.last?.contains("after CredentialsCore") == true)
    let list = try SolpackBinary.run(["env", "list", "--env", env])
    #expect(list.stdout.contains("CredentialsCore 1.0.0.0"))
    #expect(list.stdout.contains("InvoiceFlows 1.0.0.0"))
  }

  @Test func flowSolutionAloneIsRefusedThenImportsAfterCredentials() throws {
    let folder = TestFolder()
    let (credentials, flows) = try Self.samples(folder)
    let env = folder.path("env.sqlite").path
    let alone = try SolpackBinary.run(["import", flows, "--env", env])
    #expect(alone.status == 1)
    let errors = alone.stdout.components(separatedBy: "\n").filter {
      $0.contains("error: [missing-dependency]")
    }
    #expect(errors.count == 3)
    #expect(errors.contains { $0.contains("credential Invoice Portal Login") })
    #expect(errors.contains { $0.contains("environment variable contoso_InvoicePortalUsername") })
    #expect(errors.contains { $0.contains("connection reference contoso_DesktopFlowsConnection") })
    #expect(
      errors.allSatisfy {
        $0.contains("MissingDependencies expects it from CredentialsCore (1.0.0.0)")
      })
    #expect(
      alone.stdout.contains(
        "hint: Import CredentialsCore first — `solpack import CredentialsCore.zip InvoiceFlows.zip` orders them for you."
      ))
    #expect(
      !FileManager.default.fileExists(atPath: env),
      "a refused first import must not create the environment")

    #expect(try SolpackBinary.run(["import", credentials, "--env", env]).status == 0)
    let then = try SolpackBinary.run(["import", flows, "--env", env])
    #expect(then.status == 0, "\(then.stdout)")
    let show = try SolpackBinary.run(["env", "show", "InvoiceFlows", "--env", env])
    #expect(
      show.stdout.contains(
        "Process Invoices: off (connection reference contoso_DesktopFlowsConnection is not bound)"))
  }

  @Test func downgradeIsRefusedAndSkipLowerVersionSkips() throws {
    let folder = TestFolder()
    let (credentials, _) = try Self.samples(folder)
    let higher = try Self.variant(
      "CredentialsCore", in: folder, named: "CredentialsCore-2",
      edits: [
        "Other/Solution.xml": {
          $0.replacingOccurrences(
            of: "<Version>1.0.0.0</Version>", with: "<Version>2.0.0.0</Version>")
        }
      ])
    let env = folder.path("env.sqlite").path
    #expect(try SolpackBinary.run(["import", higher, "--env", env]).status == 0)
    let down = try SolpackBinary.run(["import", credentials, "--env", env])
    #expect(down.status == 1)
    #expect(down.stdout.contains("error: [version-downgrade]"))
    #expect(down.stdout.contains("lower than the installed 2.0.0.0"))
    let skipped = try SolpackBinary.run([
      "import", credentials, "--env", env, "--skip-lower-version",
    ])
    #expect(skipped.status == 0)
    #expect(skipped.stdout.contains("skip"))
    #expect(
      try SolpackBinary.run(["env", "list", "--env", env]).stdout.contains(
        "CredentialsCore 2.0.0.0"))
  }

  @Test func runThatFailsInItsLastSolutionLeavesTheEnvironmentByteIdentical() throws {
    let folder = TestFolder()
    let (credentials, flows) = try Self.samples(folder)
    let env = folder.path("env.sqlite").path
    #expect(try SolpackBinary.run(["import", credentials, "--env", env]).status == 0)
    let before = try Data(contentsOf: URL(fileURLWithPath: env))
    // Last in the plan (nothing needs it, and its name sorts last), and it needs a table
    // no solution has.
    let broken = try Self.variant(
      "InvoiceFlows", in: folder, named: "ZBroken",
      edits: [
        "Other/Solution.xml": {
          $0.replacingOccurrences(
            of: "<UniqueName>InvoiceFlows</UniqueName>", with: "<UniqueName>ZBroken</UniqueName>"
          )
          .replacingOccurrences(
            of: "<MissingDependencies>",
            with:
              "<MissingDependencies><MissingDependency><Required type=\"1\" schemaName=\"nosuchtable\" solution=\"NoSuchSolution (1.0.0.0)\" /><Dependent type=\"29\" displayName=\"Process Invoices\" /></MissingDependency>"
          )
        }
      ])
    let run = try SolpackBinary.run([
      "import", flows, broken, "--env", env, "--report", folder.path("r.json").path,
    ])
    #expect(run.status == 1)
    let lines = run.stdout.components(separatedBy: "\n")
    #expect(lines.contains { $0.contains("InvoiceFlows") && $0.hasPrefix("  1.") })
    #expect(lines.contains { $0.contains("ZBroken") && $0.hasPrefix("  2.") })
    #expect(
      run.stdout.contains(
        "error: [missing-dependency] 29 (Workflow) Process Invoices needs 1 (Entity) nosuchtable from NoSuchSolution (1.0.0.0)"
      ))
    let report =
      try JSONSerialization.jsonObject(with: Data(contentsOf: folder.path("r.json")))
      as? [String: Any]
    #expect(report?["outcome"] as? String == "refused")
    #expect(try Data(contentsOf: URL(fileURLWithPath: env)) == before)
  }

  @Test func settingsBindConnectionsAndTurnFlowsOnButPlaintextSecretsAreRefused() throws {
    let folder = TestFolder()
    let (credentials, flows) = try Self.samples(folder)
    let env = folder.path("env.sqlite").path
    let good = folder.path("settings.json")
    try Data(
      """
      {"EnvironmentVariables":[{"SchemaName":"contoso_InvoicePortalUsername","Value":"CONTOSO\\\\svc-prod"}],
       "ConnectionReferences":[{"LogicalName":"contoso_DesktopFlowsConnection","ConnectionId":"4f2c8a1e9b7d4c3a8e6f1a2b3c4d5e6f","ConnectorId":"/providers/Microsoft.PowerApps/apis/shared_uiflow"}]}
      """.utf8
    ).write(to: good)
    let bad = folder.path("bad.json")
    try Data(
      #"{"EnvironmentVariables":[{"SchemaName":"contoso_InvoicePortalPassword","Value":"Sup3r-S3cret!"}],"ConnectionReferences":[]}"#
        .utf8
    ).write(to: bad)
    let refused = try SolpackBinary.run([
      "import", credentials, flows, "--env", env, "--settings", bad.path, "--format", "json",
    ])
    #expect(refused.status == 1)
    #expect(refused.stdout.contains("\"secret-not-reference\""))
    #expect(!refused.stdout.contains("Sup3r-S3cret") && !refused.stderr.contains("Sup3r-S3cret"))
    #expect(!FileManager.default.fileExists(atPath: env))

    let run = try SolpackBinary.run([
      "import", credentials, flows, "--env", env, "--settings", good.path,
    ])
    #expect(run.status == 0, "\(run.stdout)")
    #expect(run.stdout.contains("flows on: ") && run.stdout.contains("Process Invoices"))
    #expect(!run.stdout.contains("flow off:"))
    #expect(!run.stdout.contains("connection-unbound"))
    let show = try SolpackBinary.run(["env", "show", "CredentialsCore", "--env", env])
    #expect(
      show.stdout.contains(
        "contoso_DesktopFlowsConnection: bound to 4f2c8a1e9b7d4c3a8e6f1a2b3c4d5e6f"))
    #expect(show.stdout.contains("contoso_InvoicePortalUsername (String) = CONTOSO\\svc-prod"))
    #expect(
      show.stdout.contains(
        "contoso_InvoicePortalPassword (Secret): Key Vault reference set (not shown)"))
  }

  @Test func checkWithoutEnvironmentChangesNothingAndDryRunWritesAReport() throws {
    let folder = TestFolder()
    let (credentials, flows) = try Self.samples(folder)
    let check = try SolpackBinary.run(["check", flows, credentials], in: folder.url)
    #expect(check.status == 0, "\(check.stdout)")
    #expect(!FileManager.default.fileExists(atPath: folder.path("solpack-env.sqlite").path))
    let junit = try SolpackBinary.run(["check", flows, "--format", "junit"], in: folder.url)
    #expect(junit.status == 1)
    #expect(junit.stdout.contains("<testsuites"))
    #expect(junit.stdout.contains("missing-dependency"))
    let env = folder.path("env.sqlite").path
    let dry = try SolpackBinary.run([
      "import", credentials, flows, "--env", env, "--dry-run", "--report",
      folder.path("dry.json").path,
    ])
    #expect(dry.status == 0)
    #expect(!FileManager.default.fileExists(atPath: env))
    let report =
      try JSONSerialization.jsonObject(with: Data(contentsOf: folder.path("dry.json")))
      as? [String: Any]
    #expect(report?["mode"] as? String == "dry-run")
    #expect(report?["outcome"] as? String == "passed")
  }

  @Test func exportAfterImportGivesBackEveryComponent() throws {
    let folder = TestFolder()
    let (credentials, flows) = try Self.samples(folder)
    let env = folder.path("env.sqlite").path
    #expect(try SolpackBinary.run(["import", credentials, flows, "--env", env]).status == 0)
    let out = folder.path("out.zip").path
    let export = try SolpackBinary.run(["export", "InvoiceFlows", out, "--env", env])
    #expect(export.status == 0, "\(export.stderr)")
    let original = try SolpackBinary.run(["inspect", flows, "--format", "json"])
    let exported = try SolpackBinary.run(["inspect", out, "--format", "json"])
    for key in [
      "cloudFlows", "desktopFlows", "connectionReferences", "environmentVariables", "credentials",
    ] {
      #expect(try Self.field(key, original.stdout) == Self.field(key, exported.stdout), "\(key)")
    }
    let noValues = try SolpackBinary.run([
      "export", "CredentialsCore", folder.path("nv.zip").path, "--env", env, "--no-values",
    ])
    #expect(noValues.status == 0)
    let inspect = try SolpackBinary.run(["inspect", folder.path("nv.zip").path])
    #expect(inspect.stdout.contains("contoso_InvoicePortalPassword (Secret), no value"))
  }

  static func field(_ key: String, _ json: String) throws -> String {
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    let data = try JSONSerialization.data(
      withJSONObject: object?[key] ?? [], options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
  }
}
