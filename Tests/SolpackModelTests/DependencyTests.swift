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
