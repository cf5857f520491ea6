import Testing

@testable import SolpackModel

@Suite struct SolutionVersionTests {
  @Test(arguments: [
    ("1.0.0.2", [1, 0, 0, 2]), ("9.2.24101.200", [9, 2, 24101, 200]), ("1.55", [1, 55]),
  ])
  func parses(_ text: String, _ parts: [Int]) throws {
    let version = try #require(SolutionVersion(text))
    #expect(version.parts == parts)
    #expect(version.text == text)
  }

  @Test(arguments: ["", "1", "1.0.0.0.0", "1.a.0.0", "1..0.0", "-1.0.0.0", "１.0.0.0"])
  func refuses(_ text: String) {
    #expect(SolutionVersion(text) == nil)
  }

  @Test func ordersPartByPartNotAsText() throws {
    let small = try #require(SolutionVersion("1.0.9.0"))
    let large = try #require(SolutionVersion("1.0.10.0"))
    #expect(small < large)
    #expect(SolutionVersion("1.55") == SolutionVersion("1.55.0.0"))
  }
}
