import Foundation
import SolpackArchive
import SolpackTestSupport

/// The catalogue: one row per attack, each refused by inspect, unpack, check, import and
/// diff with its own diagnostic id. docs/hostile-inputs.md lists the same rows.
extension HostileCase {
  typealias A = HostileArchives
  typealias P = ProbeSolution

  static let catalogue: [HostileCase] =
    zipNames + zipStructure + zipBombs + xml + json + solution

  // MARK: Zip: entry names

  static let zipNames: [HostileCase] = [
    HostileCase("../ traversal", "zip-unsafe-path-traversal") {
      try A.adding(A.named("../\(EscapeProbe.name("dotdot"))"))
    },
    HostileCase("traversal below a folder", "zip-unsafe-path-traversal") {
      try A.adding(A.named("Workflows/../../../\(EscapeProbe.name("deep"))"))
    },
    HostileCase("traversal as a folder entry", "zip-unsafe-path-traversal") {
      try A.adding(A.named("Workflows/../../", ""))
    },
    HostileCase("absolute /path", "zip-unsafe-path-absolute") {
      try A.adding(A.named(EscapeProbe.absolute))
    },
    HostileCase("drive letter C:/", "zip-unsafe-path-drive") {
      try A.adding(A.named("C:/\(EscapeProbe.name("drive"))"))
    },
    HostileCase("drive letter C:\\", "zip-unsafe-path-drive") {
      try A.adding(A.named("C:\\\(EscapeProbe.name("drive-backslash"))"))
    },
    HostileCase("backslash ..\\ traversal", "zip-unsafe-path-backslash") {
      try A.adding(A.named("..\\\(EscapeProbe.name("backslash"))"))
    },
    HostileCase("backslash UNC \\\\host\\share", "zip-unsafe-path-backslash") {
      try A.adding(A.named("\\\\localhost\\share\\\(EscapeProbe.name("unc"))"))
    },
    HostileCase("NUL in a name", "zip-unsafe-path-control") {
      try A.adding(A.named(Array("Workflows/a.json\u{0}/../../\(EscapeProbe.name("nul"))".utf8)))
    },
    HostileCase("terminal escape in a name", "zip-unsafe-path-control") {
      try A.adding(A.named("Formulas/\u{1B}]0;owned\u{7}.txt"))
    },
    HostileCase("empty name", "zip-unsafe-path") { try A.adding(A.named([])) },
    HostileCase("symlink entry", "zip-symlink-entry") {
      try A.adding(A.unixEntry("Formulas/link", mode: 0o120777, content: "/etc/passwd"))
    },
    HostileCase("FIFO entry", "zip-special-entry") {
      try A.adding(A.unixEntry("Formulas/fifo", mode: 0o010644, content: ""))
    },
    HostileCase("duplicate names", "zip-duplicate-entry") {
      try A.adding(.stored("customizations.xml", P.customizations()))
    },
    HostileCase("names equal but for case", "zip-case-collision") {
      try A.adding(.stored(P.flowPath.uppercased(), P.flow))
    },
    HostileCase("names equal after Unicode normalization", "zip-case-collision") {
      try A.adding(.stored("Formulas/caf\u{E9}.txt", "1"), .stored("Formulas/cafe\u{301}.txt", "2"))
    },
    HostileCase("a file where a folder must be", "zip-path-conflict") {
      try A.adding(.stored("solution.xml/\(EscapeProbe.name("under-file"))", "x"))
    },
    HostileCase("a folder entry named like a file", "zip-path-conflict") {
      try A.adding(.stored("customizations.xml/", ""))
    },
  ]

  // MARK: Zip: structure

  static let zipStructure: [HostileCase] = [
    HostileCase("local and central names disagree", "zip-header-mismatch") {
      // Longer than the central name, so the entries do not overlap: only the names differ.
      try A.changing("customizations.xml") {
        $0.localName = Array("../\(EscapeProbe.name("local"))/customizations.xml".utf8)
      }
    },
    HostileCase("local and central methods disagree", "zip-header-mismatch") {
      try A.changing("customizations.xml") { $0.localMethod = 0 }
    },
    HostileCase("bad CRC", "zip-crc-mismatch") {
      try A.changing("customizations.xml") { $0.crc &+= 1 }
    },
    // Only the commands that copy or verify every entry read it: inspect and diff look at
    // what they parse or compare (docs/hostile-inputs.md).
    HostileCase(
      "bad CRC in a part no command parses",
      .init(
        inspect: nil, unpack: "zip-crc-mismatch", check: "zip-crc-mismatch",
        import: "zip-crc-mismatch", diff: nil)
    ) {
      var extra = try ZipRawEntry.deflated("Formulas/x.txt", Data(repeating: 65, count: 500))
      extra.crc &+= 1
      return try A.adding(extra)
    },
    HostileCase("garbage deflate data", "zip-corrupt") {
      try A.changing("customizations.xml") { $0.payload = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF] }
    },
    HostileCase("truncated archive", "zip-truncated") {
      let archive = try ProbeSolution().archive()
      return archive.prefix(archive.count / 2)
    },
    HostileCase("missing end of central directory", "zip-end-record-missing") {
      try ProbeSolution().archive().dropLast(22)
    },
    HostileCase("encrypted entry", "zip-encrypted-entry") {
      try A.changing("customizations.xml") { $0.flags |= 1 }
    },
    HostileCase("unsupported method (LZMA)", "zip-unsupported-method") {
      try A.changing("customizations.xml") {
        $0.method = 14
        $0.localMethod = 14
      }
    },
    HostileCase("split (multi-disk) archive", "zip-multi-disk") {
      var bytes = [UInt8](try ProbeSolution().archive())
      bytes[bytes.count - 22 + 4] = 1
      return Data(bytes)
    },
    HostileCase("entry data runs into the central directory", "zip-corrupt") {
      try A.changing("customizations.xml") { $0.compressedSize = 1 << 20 }
    },
    HostileCase("ZIP64 marker without a ZIP64 field", "zip-zip64-invalid") {
      try A.changing("customizations.xml") { $0.uncompressedSize = 0xFFFF_FFFF }
    },
    HostileCase("ZIP64 field too short", "zip-zip64-invalid") {
      try A.changing("customizations.xml") {
        $0.uncompressedSize = 0xFFFF_FFFF
        $0.compressedSize = 0xFFFF_FFFF
        $0.extra = [0x01, 0x00, 0x08, 0x00, 1, 0, 0, 0, 0, 0, 0, 0]
      }
    },
    HostileCase("ZIP64 locator pointing at a local header", "zip-zip64-invalid") {
      try A.zip64LocatorPointingNowhere()
    },
    HostileCase("not a zip", "zip-not-an-archive") {
      Data("<ImportExportXml>this is not a zip</ImportExportXml>\n".utf8)
    },
    HostileCase("empty file", "zip-empty-file") { Data() },
  ]

  // MARK: Zip: bombs and sizes

  static let zipBombs: [HostileCase] = [
    HostileCase("overlapping entries (non-recursive bomb)", "zip-overlapping-entries") {
      try A.overlapping()
    },
    HostileCase("high-ratio bomb (64 MiB of zeros)", "zip-compression-ratio") {
      try A.adding(.deflated("Formulas/zeros.bin", Data(count: 64 << 20), level: 9))
    },
    HostileCase("huge declared size (4 GiB)", "zip-entry-too-large") {
      try A.adding(
        ZipRawEntry(
          name: Array("Formulas/huge.bin".utf8), method: 8, payload: [0x03, 0x00], crc: 0,
          uncompressedSize: 0xFFFF_FFFE))
    },
    HostileCase("ZIP64 field claiming 1 TiB", "zip-entry-too-large") {
      try A.changing("customizations.xml") {
        $0.uncompressedSize = 0xFFFF_FFFF
        var field = LittleEndianBytes()
        field.u16(1)
        field.u16(8)
        field.u64(1 << 40)
        $0.extra = field.bytes
      }
    },
    HostileCase("8,200 entries of 1 MiB each (over 8 GiB)", "zip-total-too-large") {
      try A.manyMediumBombs(count: 8_200)
    },
    HostileCase("declared size smaller than the data", "zip-size-mismatch") {
      try A.changing("customizations.xml") { $0.uncompressedSize = 16 }
    },
    HostileCase("100,000 tiny entries", "zip-too-many-entries") {
      try A.tinyEntries(count: 100_000)
    },
    HostileCase("ZIP64 end record claiming 2^40 entries", "zip-zip64-invalid") {
      try A.zip64EndClaiming(entries: 1 << 40)
    },
  ]

  // MARK: XML

  static let xml: [HostileCase] = [
    HostileCase("external entity: file", "xml-external-entity") {
      try A.withDoctype(
        "<!DOCTYPE ImportExportXml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>")
    },
    HostileCase("external entity: network", "xml-external-entity") {
      try A.withDoctype(
        "<!DOCTYPE ImportExportXml [<!ENTITY xxe SYSTEM \"http://127.0.0.1:9/solpack\">]>")
    },
    HostileCase("external parameter entity", "xml-external-entity") {
      try A.withDoctype(
        "<!DOCTYPE ImportExportXml [<!ENTITY % p SYSTEM \"file:///etc/hostname\"> %p;]>")
    },
    HostileCase("external DTD", "xml-external-entity") {
      try A.withDoctype("<!DOCTYPE ImportExportXml SYSTEM \"http://127.0.0.1:9/solpack.dtd\">")
    },
    HostileCase("billion laughs", "xml-entity-declaration") {
      var doctype = "<!DOCTYPE ImportExportXml [<!ENTITY l0 \"lol\">"
      for level in 1...9 {
        doctype += "<!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">"
      }
      return try A.withDoctype(doctype + "]>")
    },
    HostileCase("quadratic blow-up", "xml-entity-declaration") {
      try A.withDoctype(
        "<!DOCTYPE ImportExportXml [<!ENTITY a \"\(String(repeating: "a", count: 50_000))\">]>")
    },
    HostileCase("a DOCTYPE at all", "xml-doctype-refused") {
      try A.withDoctype("<!DOCTYPE ImportExportXml>")
    },
    HostileCase("a DOCTYPE after a comment", "xml-doctype-refused") {
      try A.withDoctype("<!-- harmless --><?pi x?>\n<!DOCTYPE ImportExportXml>")
    },
    HostileCase("10,000-deep nesting", "xml-too-deep") { try A.deepXML(depth: 10_000) },
    HostileCase("100 MB text node", "xml-too-large", memoryCeilingMiB: 250) {
      try A.hugeTextNode()
    },
    HostileCase("invalid UTF-8", "xml-invalid-utf8") {
      var text = Data(P.manifest.utf8)
      let range = try text.range(of: Data("Hostile Probe".utf8)).unwrap("label")
      text.replaceSubrange(range, with: [0x48, 0xC3, 0x28, 0xFF, 0xFE])
      return try ProbeSolution().with("solution.xml", text).archive()
    },
    HostileCase("UTF-16 without a BOM", "xml-unsupported-encoding") {
      try ProbeSolution().with("solution.xml", P.manifest.data(using: .utf16LittleEndian)!)
        .archive()
    },
    HostileCase("wrong root element", "manifest-invalid") {
      try ProbeSolution().editing("solution.xml", replacing: "<ImportExportXml ", with: "<Root ")
        .editing("solution.xml", replacing: "</ImportExportXml>", with: "</Root>").archive()
    },
    HostileCase("missing required element", "manifest-element-missing") {
      try A.withManifest(replacing: "<UniqueName>\(P.uniqueName)</UniqueName>", with: "")
    },
    // Two or three numbers are fine: older on-premises exports write "1.55".
    HostileCase("Version that is not four numbers", "manifest-version-invalid") {
      try A.withManifest(
        replacing: "<Version>1.0.0.0</Version>", with: "<Version>1.0.0.0.1;DROP</Version>")
    },
    HostileCase("Managed that is not 0, 1 or 2", "manifest-managed-invalid") {
      try A.withManifest(replacing: "<Managed>0</Managed>", with: "<Managed>yes</Managed>")
    },
    HostileCase("malformed XML", "xml-malformed") {
      try A.withManifest(replacing: "</SolutionManifest>", with: "")
    },
    HostileCase("customizations.xml with a wrong root", "customizations-invalid") {
      try ProbeSolution().with("customizations.xml", "<Customizations />").archive()
    },
    HostileCase("env var definition with a wrong root", "env-var-invalid") {
      try ProbeSolution().with(P.variablePath, "<variable schemaname=\"probe_Setting\" />")
        .archive()
    },
    HostileCase("no solution.xml", "required-entry-missing") {
      try ProbeSolution().without("solution.xml").archive()
    },
  ]

  // MARK: Flow JSON

  /// The flow JSON reader's ids (`flow-json-*`). unpack copies flow files as bytes and
  /// never parses them, so it accepts (nil).
  static func flowJSON(_ name: String, _ id: String, _ body: @escaping @Sendable () -> Data)
    -> HostileCase
  {
    HostileCase(name, .init(inspect: id, unpack: nil, check: id, import: id, diff: id)) {
      try ProbeSolution().with(P.flowPath, body()).archive()
    }
  }

  static let json: [HostileCase] = [
    flowJSON("10,000-deep nesting in a flow", "flow-json-too-deep") {
      Data(
        ("{\"a\":" + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
          + "}").utf8)
    },
    flowJSON("invalid UTF-8 in a flow", "flow-json-invalid-utf8") {
      Data([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D])
    },
    flowJSON("a number too large for a double", "flow-json-number-out-of-range") {
      Data(#"{"properties":{"n":1e400}}"#.utf8)
    },
    flowJSON("duplicate keys in one object", "flow-json-duplicate-key") {
      Data(#"{"properties":{},"properties":{"x":1}}"#.utf8)
    },
    flowJSON("a flow file that is not an object", "flow-json-not-object") {
      Data(#"[{"properties":{}}]"#.utf8)
    },
    flowJSON("a flow file that is not JSON", "flow-json-invalid") {
      Data(#"{"properties":{"definition":}"#.utf8)
    },
  ]

  // MARK: Solution level

  static let solution: [HostileCase] = [
    HostileCase("flow named in customizations.xml but absent", "flow-definition-missing") {
      try ProbeSolution().without(P.flowPath).archive()
    },
    HostileCase("flow file present but named nowhere", "flow-file-unreferenced") {
      try ProbeSolution().with("Workflows/Hidden-00000000-0000-0000-0000-000000000001.json", P.flow)
        .archive()
    },
    HostileCase("env var folder named unlike its schema name", "env-var-folder-mismatch") {
      try ProbeSolution().without(P.variablePath).with(
        "environmentvariabledefinitions/probe_Other/environmentvariabledefinition.xml",
        P.variableDefinition()
      ).archive()
    },
    HostileCase("two flows with one id", "duplicate-component") {
      let second = "Workflows/Twin-5F2C7A10-1B2C-4D3E-8F90-A1B2C3D4E5F6.json"
      return try ProbeSolution().with(
        "customizations.xml",
        P.customizations(extraWorkflows: P.workflow(id: P.flowID, name: "Twin", path: second))
      ).with(second, P.flow).archive()
    },
    HostileCase("one env var defined twice", "duplicate-component") {
      // Once as a folder, once inline in customizations.xml (the older form).
      try ProbeSolution().editing(
        "customizations.xml", replacing: "<Roles />",
        with: "<EnvironmentVariables><EnvironmentVariable><SchemaName>PROBE_SETTING</SchemaName>"
          + "<Type>100000000</Type></EnvironmentVariable></EnvironmentVariables>"
      ).archive()
    },
  ]
}
