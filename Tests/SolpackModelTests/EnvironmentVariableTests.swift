import SolpackModel
import Testing

/// `EnvironmentVariable` keeps its fields in one shared box (copy on write): a copy must
/// still behave as a value.
@Suite struct EnvironmentVariableTests {
  static func variable() -> EnvironmentVariable {
    EnvironmentVariable(
      schemaName: "contoso_Url", displayName: [LocalizedLabel("Url")], type: .string,
      defaultValue: "https://a.example",
      value: EnvironmentVariableValue(value: "https://b.example"),
      element: XMLElement("environmentvariabledefinition", attributes: [XMLAttribute("a", "1")]))
  }

  @Test func changingACopyLeavesTheOriginal() {
    let original = Self.variable()
    var copy = original
    #expect(copy == original)
    copy.value?.value = "https://c.example"
    copy.element.attributes[0].value = "2"
    copy.displayName.append(LocalizedLabel("Adresse", languageCode: 1036))
    copy.valuesPath = "environmentvariabledefinitions/contoso_Url/environmentvariablevalues.json"
    #expect(original.value?.value == "https://b.example")
    #expect(original.element.attributes[0].value == "1")
    #expect(original.displayName.count == 1)
    #expect(original.valuesPath == nil)
    #expect(copy.value?.value == "https://c.example")
    #expect(copy.element.attributes[0].value == "2")
    #expect(copy != original)
    // The change again on a copy of the original: equal again, though in another box.
    var again = original
    again.value?.value = "https://c.example"
    again.element.attributes[0].value = "2"
    again.displayName.append(LocalizedLabel("Adresse", languageCode: 1036))
    again.valuesPath = copy.valuesPath
    #expect(again == copy)
    #expect(again.hashValue == copy.hashValue)
    #expect(Set([again, copy, original]).count == 2)
  }

  @Test func everyFieldTakesPartInEquality() {
    let base = Self.variable()
    let changes: [(inout EnvironmentVariable) -> Void] = [
      { $0.schemaName = "contoso_Other" }, { $0.displayName = [] },
      { $0.description = [LocalizedLabel("d")] },
      { $0.type = .secret }, { $0.defaultValue = nil }, { $0.secretStore = 0 },
      { $0.isRequired = true }, { $0.apiID = "x" }, { $0.parameterKey = "k" },
      { $0.introducedVersion = "1.0" }, { $0.value = nil }, { $0.valuesPath = "p" },
      { $0.form = .inline }, { $0.element.name = "Definition" },
    ]
    for (index, change) in changes.enumerated() {
      var changed = base
      change(&changed)
      #expect(changed != base, "change \(index)")
    }
  }
}
