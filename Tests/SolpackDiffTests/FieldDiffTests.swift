import Foundation
import SolpackArchive
import SolpackModel
import Testing

@testable import SolpackDiff

@Suite struct FieldDiffTests {
  static func element(_ text: String) throws -> XMLElement {
    Canonical.element(try XMLReader.parse(Data(text.utf8), entry: "t.xml").root)
  }

  @Test func jsonChangesAreJSONPointersWithEscapedKeys() throws {
    let a = try #require(JSONValue.parse(Data(#"{"a/b":{"x~y":[1,2]},"k":"v","gone":true}"#.utf8)))
    let b = try #require(
      JSONValue.parse(Data(#"{"k":"v","a/b":{"x~y":[1,3,4]},"new":null}"#.utf8)))
    let changes = FieldDiff.json(a, b)
    #expect(changes.map(\.path) == ["/a~1b/x~0y/1", "/a~1b/x~0y/2", "/gone", "/new"])
    #expect(changes[0].old == "2" && changes[0].new == "3")
    #expect(changes[1].old == nil && changes[1].new == "4")
    #expect(changes[2].new == nil && changes[3].new == "null")
  }

  @Test func keyOrderIsNotADifference() throws {
    let a = JSONValue.parse(Data(#"{"x":1,"y":{"p":[true,"s"],"q":0.5}}"#.utf8))
    let b = JSONValue.parse(Data(#"{"y":{"q":0.5,"p":[true,"s"]},"x":1.0}"#.utf8))
    #expect(a != nil)
    #expect(FieldDiff.json(a, b).isEmpty)
  }

  @Test func longValuesAreShortened() {
    let long = String(repeating: "x", count: 500)
    let shortened = FieldDiff.shorten(long)
    #expect(shortened.count == FieldDiff.limit)
    #expect(shortened.hasSuffix("…"))
  }

  @Test func unorderedCollectionsCompareAsSetsAndOrderedOnesByPosition() throws {
    let a = try Self.element(
      #"<RootComponents><RootComponent type="1" schemaName="a" /><RootComponent type="1" schemaName="b" /></RootComponents>"#
    )
    let b = try Self.element(
      #"<RootComponents><RootComponent type="1" schemaName="b" /><RootComponent type="1" schemaName="c" /></RootComponents>"#
    )
    let changes = FieldDiff.xml(a, b, path: "RootComponents")
    #expect(changes.count == 2)
    #expect(changes.contains { $0.old?.contains("schemaName=\"a\"") == true && $0.new == nil })
    #expect(changes.contains { $0.new?.contains("schemaName=\"c\"") == true && $0.old == nil })
    // Order inside an ordinary element is a difference: form script order matters.
    let x = try Self.element(#"<events><event name="a" /><event name="b" /></events>"#)
    let y = try Self.element(#"<events><event name="b" /><event name="a" /></events>"#)
    #expect(!FieldDiff.xml(x, y, path: "events").isEmpty)
  }

  @Test func attributesAndTextAreFields() throws {
    let a = try Self.element(#"<Workflow Name="A"><StateCode>1</StateCode></Workflow>"#)
    let b = try Self.element(#"<Workflow Name="B"><StateCode>0</StateCode></Workflow>"#)
    let changes = FieldDiff.xml(a, b, path: "Workflow")
    #expect(
      changes == [
        .init(path: "Workflow/@Name", old: "A", new: "B"),
        .init(path: "Workflow/StateCode", old: "1", new: "0"),
      ])
  }
}

@Suite struct FieldDiffTextTests {
  /// Regression: an element shown on one line kept only single spaces, so a value with
  /// two spaces in a row was reported wrong.
  @Test func oneLineFormKeepsValuesAsTheyAre() throws {
    let a = try FieldDiffTests.element(
      #"<RootComponents><RootComponent type="1" schemaName="a  b" /></RootComponents>"#)
    let b = try FieldDiffTests.element(#"<RootComponents />"#)
    let changes = FieldDiff.xml(a, b, path: "RootComponents")
    #expect(
      changes == [
        .init(
          path: "RootComponents/RootComponent",
          old: #"<RootComponent schemaName="a  b" type="1" />"#)
      ])
  }
}
