import Foundation
import SolpackTestSupport
import Testing

/// `solpack create-settings`, run with the real binary on samples/.
@Suite struct CreateSettingsEndToEndTests {
  static let expected = SampleSettings.expected

  @Test func printsTheTemplateForBothSamples() throws {
    let run = try SolpackBinary.run([
      "create-settings", "samples/CredentialsCore", "samples/InvoiceFlows",
    ])
    #expect(run.status == 0)
    #expect(run.stderr == "")
    #expect(run.stdout == Self.expected)
    // The Secret's Key Vault reference shipped in CredentialsCore stays out.
    #expect(!run.stdout.contains("kv-contoso-automation"))
  }

  @Test func outputWritesTheFileAndLeavesNoTemporary() throws {
    let folder = TestFolder()
    try Data("old".utf8).write(to: folder.path("settings.json"))
    let target = folder.path("settings.json").path
    let run = try SolpackBinary.run([
      "create-settings", "samples/CredentialsCore", "samples/InvoiceFlows", "--output", target,
    ])
    #expect(run.status == 0)
    #expect(run.stderr == "")
    #expect(
      run.stdout
        == "Wrote \(target): 2 environment variables, 1 connection reference from CredentialsCore, InvoiceFlows\n"
    )
    let written = try Data(contentsOf: folder.path("settings.json"))
    #expect(String(decoding: written, as: UTF8.self) == Self.expected)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
    #expect(names == ["settings.json"])
  }

  @Test func aMissingInputExits1AndWritesNothing() throws {
    let folder = TestFolder()
    let run = try SolpackBinary.run([
      "create-settings", "samples/CredentialsCore", "no/such/thing.zip",
      "--output", folder.path("settings.json").path,
    ])
    #expect(run.status == 1)
    #expect(run.stdout == "")
    #expect(run.stderr.contains("error: [input-not-found]"))
    #expect(run.stderr.contains("hint: "))
    #expect(!FileManager.default.fileExists(atPath: folder.path("settings.json").path))
  }

  @Test func anUnwritableOutputExits1() throws {
    let folder = TestFolder()
    let run = try SolpackBinary.run([
      "create-settings", "samples/CredentialsCore", "--output",
      folder.path("no/such/folder/settings.json").path,
    ])
    #expect(run.status == 1)
    #expect(run.stderr.contains("error: [write-failed]"))
  }

  @Test func noInputIsAUsageError() throws {
    #expect(try SolpackBinary.run(["create-settings"]).status == 64)
  }
}
