import Foundation
import SolpackModel
import Testing

/// The fast paths for lowercasing names and classifying parts give what the plain
/// `lowercased()` gave.
@Suite struct NameFoldingTests {
  static let names = [
    "", "a", "ABC", "syn_AccountDraftTask", "already_lower_and_long_enough_for_the_heap",
    "MiXeD/Path/To.JSON", "Ärger", "straße", "\u{212A}elvin", "İstanbul", "ΟΔΟΣ", "café\u{301}",
    "[Content_Types].xml", "0123456789_-.@", "\u{7F}DEL",
  ]

  /// Trimmed as bytes, it gives what Foundation's trimming of `{`, `}` and spaces gave.
  @Test(
    arguments: names + [
      "{8C1238C7-3B5D-EF11-8409-000D3A5C2E17}", " {AbC} ", "{}", "{ }", "}{x{}", "{Ärger}",
      "{café\u{301}}", "{\u{301}}", " \u{212A} ",
    ])
  func normalizedIDTrimsBracesAndSpaces(_ id: String) {
    let expected = id.trimmingCharacters(in: CharacterSet(charactersIn: "{} ")).lowercased()
    #expect(Array(ComponentReference.normalizedID(id).utf8) == Array(expected.utf8))
  }

  @Test(arguments: names) func isASCIISaysWhetherEveryScalarIs(_ name: String) {
    #expect(name.isASCII == name.unicodeScalars.allSatisfy(\.isASCII))
  }

  @Test(arguments: names) func lowercasedNameIsLowercased(_ name: String) {
    #expect(name.lowercasedName == name.lowercased())
    #expect(Array(name.lowercasedName.utf8) == Array(name.lowercased().utf8))
  }

  @Test(arguments: [
    ("solution.xml", PartKind.manifest), ("Solution.XML", .manifest),
    ("/solution.xml", .other), ("a/solution.xml", .other),
    ("customizations.xml", .customizations), ("[Content_Types].xml", .contentTypes),
    ("Workflows/Flow-1.json", .flowDefinition), ("WORKFLOWS/FLOW-1.JSON", .flowDefinition),
    ("Workflows/Flow-1.json.data.xml", .workflowDefinition),
    ("Workflows/x.jsonx", .workflowDefinition),
    ("Workflows/é.json", .flowDefinition), ("Workflows/json", .workflowDefinition),
    ("/Workflows/a.json", .flowDefinition), ("wor\u{212A}flows/a.json", .flowDefinition),
    ("environmentvariabledefinitions/x/environmentvariabledefinition.xml", .environmentVariable),
    ("Credentials/c/credential.xml", .credential), ("Connectors/x", .connector),
    ("CanvasApps/a.msapp", .canvasApp), ("WebResources/x.js", .webResource),
    ("Formulas/x.yaml", .formula), ("DesktopFlowBinaries/x", .desktopFlowBinary),
    ("PluginAssemblies/x.dll", .pluginAssembly), ("bots/x", .bot), ("botcomponents/y", .bot),
    ("Other/Relationships.xml", .other),
  ])
  func partKindsByPath(_ path: String, _ kind: PartKind) {
    #expect(PartKind(path: path) == kind, "\(path)")
  }
}
