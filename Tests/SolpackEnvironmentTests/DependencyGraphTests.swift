import Foundation
import SolpackArchive
import SolpackModel
import SolpackTestSupport
import Testing

@testable import SolpackEnvironment

/// The graph's layers are the import order, its cycles the planner's, and what is neither in
/// the run nor in the environment is missing.
@Suite struct DependencyGraphTests {
  static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples")

  static func sample(_ name: String) -> String { samples.appendingPathComponent(name).path }

  @Test func layersFollowRequirementsAndCyclesShareALayer() {
    var graph = DependencyGraph(
      level: .solution,
      nodes: ["a", "b", "c", "d", "e"].map {
        .init(id: $0, kind: .solution, label: $0, origin: .run)
      },
      edges: [
        .init(from: "b", to: "a"), .init(from: "c", to: "b"), .init(from: "d", to: "e"),
        .init(from: "e", to: "d"), .init(from: "d", to: "c"),
      ])
    graph.assignLayers()
    let layer = Dictionary(uniqueKeysWithValues: graph.nodes.map { ($0.id, $0.layer) })
    #expect(layer == ["a": 0, "b": 1, "c": 2, "d": 3, "e": 3])
    #expect(graph.cycles == [["d", "e"]])
    #expect(graph.nodes.filter(\.inCycle).map(\.id) == ["d", "e"])
    #expect(graph.edges.filter(\.inCycle).count == 2)
    #expect(graph.layerCount == 4)
  }

  @Test func aSelfLoopIsACycle() {
    var graph = DependencyGraph(
      level: .component, nodes: [.init(id: "x", kind: .flow, label: "x", origin: .run)],
      edges: [.init(from: "x", to: "x")])
    graph.assignLayers()
    #expect(graph.cycles == [["x"]])
  }

  @Test func aLongChainDoesNotOverflow() {
    let count = 20_000
    var graph = DependencyGraph(
      level: .component,
      nodes: (0..<count).map { .init(id: "n\($0)", kind: .flow, label: "\($0)", origin: .run) },
      edges: (1..<count).map { .init(from: "n\($0)", to: "n\($0 - 1)") })
    graph.assignLayers()
    #expect(graph.layerCount == count)
    #expect(graph.cycles.isEmpty)
  }

  @Test func samplesInAnyOrderGiveTheImportOrder() {
    let pair = [Self.sample("InvoiceFlows"), Self.sample("CredentialsCore")]
    let (graph, diagnostics) = DependencyGraphBuilder.build(pair, level: .solution)
    #expect(diagnostics.isEmpty)
    #expect(graph.nodes.map(\.label) == ["CredentialsCore 1.0.0.0", "InvoiceFlows 1.0.0.0"])
    #expect(graph.nodes.map(\.layer) == [0, 1])
    #expect(graph.edges == [.init(from: "solution:invoiceflows", to: "solution:credentialscore")])
    #expect(graph.missing.isEmpty)
    #expect(DependencyGraphBuilder.build(pair.reversed(), level: .solution).graph == graph)
  }

  @Test func invoiceFlowsAloneMissesCredentialsCore() throws {
    let graph = DependencyGraphBuilder.build([Self.sample("InvoiceFlows")], level: .solution).graph
    let missing = try #require(graph.missing.first)
    #expect(graph.missing.count == 1)
    #expect(missing.label == "CredentialsCore (1.0.0.0)")
    #expect(missing.details.count == 3)
    #expect(missing.details.contains("credential Invoice Portal Login"))
  }

  @Test func theEnvironmentProvidesWhatTheRunLacks() throws {
    var state = EnvironmentState()
    state.solutions = [
      InstalledSolution(
        uniqueName: "CredentialsCore", displayName: "Credentials Core", version: "1.0.0.0",
        managed: false, publisher: "Contoso", installedAt: Date(timeIntervalSince1970: 0))
    ]
    for reference in [
      ComponentReference(.connectionReference, "contoso_DesktopFlowsConnection"),
      ComponentReference(.environmentVariable, "contoso_InvoicePortalUsername"),
      ComponentReference(.credential, "Invoice Portal Login"),
    ] {
      state.components.append(
        ComponentRecord(key: ComponentKey(reference), solution: "CredentialsCore", managed: false))
    }
    let solutions = DependencyGraphBuilder.build(
      [Self.sample("InvoiceFlows")], state: state, level: .solution
    ).graph
    #expect(solutions.missing.isEmpty)
    #expect(solutions.nodes.map(\.origin) == [.environment, .run])
    let components = DependencyGraphBuilder.build(
      [Self.sample("InvoiceFlows")], state: state, level: .component
    ).graph
    #expect(components.missing.isEmpty)
    #expect(components.nodes.filter { $0.origin == .environment }.count == 3)
  }

  @Test func componentsOfThePairAreLinkedAcrossSolutions() {
    let graph = DependencyGraphBuilder.build(
      [Self.sample("CredentialsCore"), Self.sample("InvoiceFlows")], level: .component
    ).graph
    let labels = Set(graph.nodes.map(\.label))
    for name in [
      "Process Invoices", "Download Invoices", "Invoice Portal Login",
      "contoso_DesktopFlowsConnection", "contoso_InvoicePortalUsername", "shared_uiflow",
    ] {
      #expect(labels.contains(name), "\(name)")
    }
    #expect(graph.missing.isEmpty)
    let flow = graph.nodes.first { $0.label == "Process Invoices" }
    let credential = graph.nodes.first { $0.label == "Invoice Portal Login" }
    #expect((flow?.layer ?? 0) > (credential?.layer ?? 0))
    #expect(graph.nodes.first { $0.label == "shared_uiflow" }?.origin == .platform)
  }

  @Test func solutionsThatNeedEachOtherAreACycle() throws {
    let folder = TestFolder()
    let a = try ImportPlannerTests.solution(folder, "Alpha", provides: ["p_a"], uses: ["p_b"])
    let b = try ImportPlannerTests.solution(folder, "Beta", provides: ["p_b"], uses: ["p_a"])
    let graph = DependencyGraphBuilder.build([a, b], level: .solution).graph
    #expect(graph.cycles == [["solution:alpha", "solution:beta"]])
    #expect(graph.edges.allSatisfy { $0.inCycle })
  }

  @Test func anUnreadableInputIsADiagnostic() {
    let (graph, diagnostics) = DependencyGraphBuilder.build(
      ["/nonexistent/x.zip"], level: .solution)
    #expect(graph.nodes.isEmpty)
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.severity == .error)
  }
}
