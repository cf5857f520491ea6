import Foundation
import SolpackTestSupport
import Testing

/// A value typed where only a Key Vault reference belongs must never come out: not on
/// standard output or error, not in reports, not in written archives or trees.
@Suite struct SecretScanEndToEndTests {
  static let marker = "S3cr3t-Marker-7f3a9c"

  @Test func noCommandEverWritesAPlantedSecret() throws {
    let folder = TestFolder()
    // Places a user could put a secret: the Secret env var's value in the tree, the
    // same in a zip made by another tool, and the deployment settings.
    let tree = try Samples.copy(
      "CredentialsCore", into: folder, as: "Planted",
      editing: [
        "environmentvariabledefinitions/contoso_InvoicePortalPassword/environmentvariablevalues.json":
          {
            $0.replacing(#/"value": "[^"]*"/#, with: "\"value\": \"\(Self.marker)\"")
          }
      ])
    // A packed archive holding it, as another tool would write it: unzip, edit, zip.
    let zipped = folder.path("planted.zip").path
    let raw = folder.path("Planted-raw").path
    #expect(
      try SolpackBinary.run(["pack", "samples/CredentialsCore", folder.path("clean.zip").path])
        .status == 0)
    let shell = Process()
    shell.executableURL = URL(fileURLWithPath: "/bin/sh")
    shell.arguments = [
      "-c",
      """
      set -e; mkdir '\(raw)'; cd '\(raw)'; unzip -q '\(folder.path("clean.zip").path)'
      sed -i 's#"value": "[^"]*"#"value": "\(Self.marker)"#' environmentvariabledefinitions/contoso_InvoicePortalPassword/environmentvariablevalues.json
      zip -qr '\(zipped)' .
      """,
    ]
    try shell.run()
    shell.waitUntilExit()
    #expect(shell.terminationStatus == 0)
    let packed = folder.path("packed.zip").path
    var outputs: [String] = []
    func run(_ arguments: [String], _ env: [String: String] = [:]) throws {
      let result = try SolpackBinary.run(arguments, environment: env)
      outputs += [result.stdout, result.stderr]
    }
    try run(["pack", tree, packed])
    let settings = folder.path("settings.json")
    try Data(
      """
      {"EnvironmentVariables":[{"SchemaName":"contoso_InvoicePortalPassword","Value":"\(Self.marker)"}],
       "ConnectionReferences":[]}
      """.utf8
    ).write(to: settings)
    let env = ["SOLPACK_ENV": folder.path("env.sqlite").path, "SOLPACK_USER": "alice"]
    let report = folder.path("reports")
    try FileManager.default.createDirectory(at: report, withIntermediateDirectories: true)
    for input in [tree, packed, zipped] {
      for format in ["text", "json"] { try run(["inspect", input, "--format", format]) }
      for format in ["text", "json", "junit"] {
        try run(
          [
            "check", input, "--settings", settings.path, "--format", format, "--report",
            report.appendingPathComponent("check-\(format).out").path, "--report-format", format,
          ], env)
        try run(["import", input, "--settings", settings.path, "--format", format], env)
        try run(["import", input, "--dry-run", "--format", format], env)
      }
      for format in ["text", "json", "markdown"] {
        try run(["diff", input, "samples/CredentialsCore", "--format", format])
      }
      try run(["create-settings", input, "--output", folder.path("template.json").path])
    }
    try run(["unpack", zipped, folder.path("unpacked").path])
    try run(["unpack", zipped, folder.path("canonical").path, "--canonical"])
    try run(["import", packed], env)
    try run(["export", "CredentialsCore", folder.path("exported.zip").path], env)
    try run(["env", "show", "CredentialsCore"], env)
    try run(["where-used", "contoso_InvoicePortalPassword", "--format", "json"], env)
    try run(["credential", "list", "--format", "json"], env)

    // The planted value reached solpack by each way in, and was refused or left out.
    let all = outputs.joined(separator: "\n")
    #expect(all.contains("[secret-value-removed]"))
    #expect(all.contains("[secret-not-reference]"))
    for (index, text) in outputs.enumerated() {
      #expect(!text.contains(Self.marker), "output \(index) holds the planted secret:\n\(text)")
    }
    // Every file the commands wrote, archives opened entry by entry.
    let written = try TestFolder.contents(of: folder.url).filter {
      !$0.key.hasPrefix("Planted") && $0.key != "settings.json" && $0.key != "planted.zip"
    }
    #expect(written.keys.contains("exported.zip"))
    #expect(written.keys.contains("unpacked/Other/Solution.xml"))
    for (path, data) in written {
      if path.hasSuffix(".zip") {
        let unzip = try SolpackBinary.run([
          "unpack", folder.path(path).path, folder.path("x-\(path)").path,
        ])
        #expect(unzip.status == 0, "\(path): \(unzip.stderr)")
        for (inner, bytes) in try TestFolder.contents(of: folder.path("x-\(path)")) {
          #expect(!String(decoding: bytes, as: UTF8.self).contains(Self.marker), "\(path):\(inner)")
        }
      } else if !path.hasSuffix(".sqlite") {
        #expect(!String(decoding: data, as: UTF8.self).contains(Self.marker), "\(path)")
      }
    }
    // The environment refused the plaintext value: the file does not hold it either.
    let store = try Data(contentsOf: folder.path("env.sqlite"))
    #expect(store.range(of: Data(Self.marker.utf8)) == nil)
  }
}
