import Testing

@testable import SolpackModel

@Suite struct DependencyTests {
  static func manifest(missing: [MissingDependency] = []) -> SolutionManifest {
    SolutionManifest(
      uniqueName: "InvoiceFlows", localizedNames: [], descriptions: [],
      version: SolutionVersion("1.0.0.0")!, managed: .unmanaged,
      publisher: Publisher(uniqueName: "Contoso", customizationPrefix: "contoso"),
      rootComponents: [], missingDependencies: missing, packageVersion: "9.2",
      file: XMLFile(root: XMLElement("ImportExportXml")))
  }

  static func flow(_ id: String, _ name: String, category: Int, _ references: FlowReferences)
    -> Workflow
  {
    Workflow(
      id: id, name: name, category: category, definitionPath: nil, references: references,
      element: XMLElement("Workflow"))
  }

  @Test func splitsRequirementsIntoInsideAndExternal() {
    let missing = MissingDependency(
      required: DependencyEndpoint(attributes: [
        XMLAttribute("type", "connectionreference"),
        XMLAttribute("solution", "CredentialsCore (1.0.0.0)"),
        XMLAttribute("id.connectionreferencelogicalname", "contoso_Desktop"),
      ]),
      dependent: DependencyEndpoint(attributes: [XMLAttribute("type", "29")]))
    let solution = Solution(
      manifest: Self.manifest(missing: [missing]),
      workflows: [
        Self.flow(
          "aaaa", "Cloud", category: 5,
          FlowReferences(
            connectionReferences: ["CONTOSO_desktop"], environmentVariables: ["contoso_Inside"],
            childFlows: ["bbbb"])),
        Self.flow("bbbb", "Desktop", category: 6, FlowReferences(credentials: ["Portal Login"])),
      ],
      environmentVariables: [
        EnvironmentVariable(schemaName: "contoso_Inside", element: XMLElement("x"))
      ])
    let external = solution.externalRequirements
    // Sorted by dependent, then required; names compare without case, as in Dataverse.
    #expect(
      external.map(\.required) == [
        ComponentReference(.connectionReference, "contoso_Desktop"),
        ComponentReference(.credential, "Portal Login"),
      ])
    // MissingDependencies names the solution that provides the connection reference.
    #expect(external.first?.expectedSolution == "CredentialsCore (1.0.0.0)")
    #expect(external.last?.expectedSolution == nil)
    #expect(
      solution.requirements.filter(\.satisfiedInside).map(\.required) == [
        ComponentReference(.environmentVariable, "contoso_inside"),
        ComponentReference(.workflow, "bbbb"),
      ])
  }

  /// Requirements come sorted by dependent, then required, names without case: the order
  /// comparing `ComponentReference`s gives, kept when the sort moved to precomputed keys.
  @Test func requirementsSortByDependentThenRequiredWithoutCase() {
    let references = FlowReferences(
      connectionReferences: ["b_Conn", "A_conn", "a_Conn2"],
      environmentVariables: ["Z_var", "y_Var"],
      credentials: ["Login", "api key"])
    let solution = Solution(
      manifest: Self.manifest(),
      workflows: [
        Self.flow("BBBB", "Second", category: 5, references),
        Self.flow("aaaa", "First", category: 5, references),
        Self.flow("Ab", "Third", category: 5, FlowReferences(childFlows: ["BBBB", "aaaa"])),
      ])
    let requirements = solution.requirements
    #expect(requirements.count == 16)
    let expected = requirements.shuffled().sorted {
      ($0.dependent, $0.required) < ($1.dependent, $1.required)
    }
    #expect(requirements == expected)
    #expect(requirements.first?.dependent.name == "aaaa")
    #expect(requirements.map(\.required.name).prefix(4) == ["y_Var", "Z_var", "api key", "Login"])
  }

  /// A name used twice, in any case, is one requirement (the first spelling); two that
  /// sort alike but differ (two flows under one id) stay, in the order they were found.
  @Test func duplicatesAreDroppedAndSameKeyNeighboursKeepTheirOrder() {
    let solution = Solution(
      manifest: Self.manifest(),
      workflows: [
        Self.flow(
          "aaaa", "First", category: 5,
          FlowReferences(connectionReferences: ["c_Conn", "b_X", "C_conn", "c_Conn", "b_X"])),
        Self.flow("aaaa", "Copy", category: 5, FlowReferences(connectionReferences: ["b_X"])),
      ])
    let requirements = solution.requirements
    #expect(requirements.map(\.required.name) == ["b_X", "b_X", "c_Conn"])
    #expect(requirements.map(\.dependentName) == ["First", "Copy", "First"])
  }

  /// Requirements sorted dependent by dependent give what one sort of them all by
  /// `(dependent kind, name, required kind, name, order made)` gave, duplicates dropped
  /// within each run of equal keys: with kinds mixed, dependents spelt in several cases,
  /// and names that only sort as `String` sorts them.
  @Test func requirementsMatchOneSortOfThemAll() {
    let names = ["b_X", "B_x", "a", "Ä_var", "a\u{301}", "z", "C_conn", "c_conn", "\u{212A}"]
    var seed: UInt64 = 7
    func pick(_ count: Int) -> [String] {
      (0..<count).map { _ in
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return names[Int(seed >> 33) % names.count]
      }
    }
    let flows = ["aaaa", "AAAA", "bbbb", "Aaaa", "cccc", "bbbb"].map { id in
      Self.flow(
        id, "Flow \(id)", category: 5,
        FlowReferences(
          connectionReferences: pick(4), environmentVariables: pick(3), childFlows: pick(2),
          credentials: pick(2)))
    }
    let credentials = ["Login", "login", "Api"].map {
      Credential(
        name: $0, usernameVariable: pick(1)[0], passwordVariable: pick(1)[0],
        connectionReference: pick(1)[0], path: "credentials/\($0).xml",
        element: XMLElement("credential"))
    }
    let references = ["b_X", "a_ref", "B_x"].map {
      ConnectionReference(
        logicalName: $0, customConnectorID: pick(1)[0], element: XMLElement("connectionreference"))
    }
    let solution = Solution(
      manifest: Self.manifest(), workflows: flows, connectionReferences: references,
      credentials: credentials)
    // Every requirement as made, in the order the solution lists its dependents.
    var made: [Requirement] = []
    func add(_ dependent: ComponentReference, _ name: String, _ kind: ComponentKind, _ key: String)
    {
      let key =
        kind == .workflow || kind == .customConnector ? ComponentReference.normalizedID(key) : key
      let required = ComponentReference(kind, key)
      made.append(
        Requirement(
          dependent: dependent, dependentName: name, required: required,
          satisfiedInside: solution.providedComponents.contains(required)))
    }
    for flow in flows {
      let me = ComponentReference(.workflow, flow.id)
      for name in flow.references.connectionReferences {
        add(me, flow.name, .connectionReference, name)
      }
      for name in flow.references.environmentVariables {
        add(me, flow.name, .environmentVariable, name)
      }
      for id in flow.references.childFlows { add(me, flow.name, .workflow, id) }
      for name in flow.references.credentials { add(me, flow.name, .credential, name) }
    }
    for reference in references {
      let me = ComponentReference(.connectionReference, reference.logicalName)
      add(me, reference.logicalName, .customConnector, reference.customConnectorID!)
    }
    for credential in credentials {
      let me = ComponentReference(.credential, credential.name)
      for variable in credential.environmentVariables {
        add(me, credential.name, .environmentVariable, variable)
      }
      add(me, credential.name, .connectionReference, credential.connectionReference!)
    }
    func key(_ r: Requirement) -> (ComponentKind, String, ComponentKind, String) {
      (
        r.dependent.kind, r.dependent.name.lowercased(), r.required.kind,
        r.required.name.lowercased()
      )
    }
    let sorted = made.indices.sorted {
      key(made[$0]) < key(made[$1]) || (key(made[$0]) == key(made[$1]) && $0 < $1)
    }
    var expected: [Requirement] = []
    var run = 0
    for (position, index) in sorted.enumerated() {
      if position > 0 && key(made[sorted[position - 1]]) != key(made[index]) {
        run = expected.count
      }
      if !expected[run...].contains(made[index]) { expected.append(made[index]) }
    }
    #expect(solution.requirements.count > 40)
    #expect(solution.requirements == expected)
  }

  @Test func credentialNeedsItsEnvironmentVariables() {
    let credential = Credential(
      name: "Portal Login", usernameVariable: "contoso_User", passwordVariable: "contoso_Pass",
      path: "credentials/PortalLogin/credential.xml", element: XMLElement("credential"))
    let solution = Solution(manifest: Self.manifest(), credentials: [credential])
    #expect(solution.externalRequirements.map(\.required.name) == ["contoso_Pass", "contoso_User"])
    #expect(solution.providedComponents.contains(ComponentReference(.credential, "portal login")))
  }

  @Test func dependencyEndpointReadsAlternateKeysAndSolution() {
    let endpoint = DependencyEndpoint(
      attributes: [
        XMLAttribute("type", "EnvironmentVariableDefinition"),
        XMLAttribute("displayName", "admin_AdminMail"), XMLAttribute("solution", "Active"),
        XMLAttribute("id.schemaname", "admin_AdminMail"),
      ], package: nil)
    #expect(endpoint.reference == ComponentReference(.environmentVariable, "admin_AdminMail"))
    #expect(endpoint.solutionUniqueName == nil)
    let required = DependencyEndpoint(attributes: [
      XMLAttribute("type", "1"), XMLAttribute("schemaName", "quote"),
      XMLAttribute("solution", "msdynce_Sales (9.0.4.0076)"),
    ])
    #expect(required.reference == nil)
    #expect(required.solutionUniqueName == "msdynce_Sales")
    #expect(required.type?.label == "1 (Entity)")
  }

  @Test(arguments: [
    ("Invoice Portal Login", "InvoicePortalLogin"), ("../etc/passwd", "etcpasswd"),
    ("ü", "credential"),
  ])
  func credentialFolderNameIsSafe(_ name: String, _ folder: String) {
    #expect(Credential.folderName(for: name) == folder)
  }
}
