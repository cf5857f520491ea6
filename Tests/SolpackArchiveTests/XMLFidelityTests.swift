import Foundation
import SolpackModel
import SolpackTestSupport
import Testing

@testable import SolpackArchive

@Suite struct XMLFidelityTests {
  /// Writing a parsed corpus file gives its bytes back: the writer's style is
  /// Dataverse's and SolutionPackager's own.
  @Test func corpusXMLRoundTripsByteForByte() throws {
    guard Corpus.root != nil else {
      print(Corpus.skipMessage("corpusXMLRoundTripsByteForByte"))
      return
    }
    let files = Corpus.files(withSuffix: ".xml")
    #expect(files.count > 20)
    for url in files {
      let data = try Data(contentsOf: url)
      let file = try XMLReader.parse(data, entry: url.lastPathComponent)
      let written = XMLWriter.data(file)
      #expect(written == data, "\(url.path) differs after parse and write")
    }
  }

  /// The same for the XML entries inside the corpus archives (Dataverse's CRLF style).
  @Test func corpusArchiveXMLRoundTripsByteForByte() throws {
    guard Corpus.root != nil else {
      print(Corpus.skipMessage("corpusArchiveXMLRoundTripsByteForByte"))
      return
    }
    var checked = 0
    for url in Corpus.files(withSuffix: ".zip") {
      let source = try ArchiveSource(url: url)
      for entry in source.entries where entry.path.hasSuffix(".xml") {
        let data = try source.read(entry.path)
        let written = XMLWriter.data(try XMLReader.parse(data, entry: entry.path))
        #expect(written == data, "\(url.lastPathComponent):\(entry.path) differs")
        checked += 1
      }
    }
    #expect(checked >= 20)
  }

  /// Condensing rewrites the elements at its path only, not a same-named one elsewhere.
  @Test func condenseRewritesOnlyItsPath() throws {
    let xml = """
      <ImportExportXml><Workflows><Workflow Name="a"><Category>5</Category><Descriptions /></Workflow></Workflows>\
      <Other><Workflow Name="b"><Descriptions /></Workflow></Other></ImportExportXml>
      """
    let file = try XMLReader.parse(
      Data(xml.utf8), entry: "c.xml", condense: CustomizationsCodec.essentials)
    let kept = try #require(file.root.element(named: "Workflows")?.element(named: "Workflow"))
    #expect(kept.elements.map(\.name) == ["Category"])
    #expect(kept[attribute: "Name"] == "a")
    let other = try #require(file.root.element(named: "Other")?.element(named: "Workflow"))
    #expect(other.elements.map(\.name) == ["Descriptions"])
  }

  /// Children a condense does not keep are passed over unread, yet still checked: a
  /// broken one fails the parse, and the result is what reading them all then cutting
  /// gives.
  @Test func condensePassesOverUnkeptChildren() throws {
    let xml = """
      <ImportExportXml><Workflows>
        <Workflow Name="a"><!-- c --><Descriptions><D x="1">t</D></Descriptions>
          <Category>5</Category>text<Mode/></Workflow>
        <Workflow Name="b"><Mode>0</Mode></Workflow>
      </Workflows></ImportExportXml>
      """
    let cut = try XMLReader.parse(
      Data(xml.utf8), entry: "c.xml", condense: CustomizationsCodec.essentials)
    let whole = try XMLReader.parse(
      Data(xml.utf8), entry: "c.xml",
      condense: XMLReader.Condense(
        path: CustomizationsCodec.essentials.path,
        transform: CustomizationsCodec.essentials.transform
      ))
    #expect(cut == whole)
    let flows = try #require(cut.root.element(named: "Workflows")).elements
    #expect(flows.map { $0.elements.map(\.name) } == [["Category"], []])
    let broken = xml.replacingOccurrences(of: "<D x=\"1\">t</D>", with: "<D x=\"1\">t</E>")
    #expect(throws: DiagnosticError.self) {
      try XMLReader.parse(
        Data(broken.utf8), entry: "c.xml", condense: CustomizationsCodec.essentials)
    }
  }

  @Test func refusesDoctypeBeforeParsing() {
    let billionLaughs = """
      <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>
      <ImportExportXml>&lol2;</ImportExportXml>
      """
    let external = """
      <!-- a comment first --><!DOCTYPE x SYSTEM "file:///etc/passwd"><x>&xxe;</x>
      """
    let plain = "<!DOCTYPE x><x/>"
    // Each DOCTYPE is refused; the id says what it tried.
    for (text, id) in [
      (billionLaughs, "xml-entity-declaration"), (external, "xml-external-entity"),
      (plain, "xml-doctype-refused"),
    ] {
      #expect(throws: DiagnosticError.self) { try XMLReader.parse(Data(text.utf8), entry: "x.xml") }
      do {
        _ = try XMLReader.parse(Data(text.utf8), entry: "x.xml")
      } catch let error as DiagnosticError {
        #expect(error.diagnostic.id == id)
      } catch {}
    }
  }

  @Test func malformedAndDeepXMLAreDiagnosed() throws {
    let cases: [(String, String)] = [
      ("<a><b></a>", "xml-malformed"),
      ("", "xml-malformed"),
      (
        String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300), "xml-too-deep"
      ),
    ]
    for (text, id) in cases {
      do {
        _ = try XMLReader.parse(Data(text.utf8), entry: "bad.xml")
        Issue.record("\(id) case parsed")
      } catch let error as DiagnosticError {
        #expect(error.diagnostic.id == id)
        #expect(error.diagnostic.entry == "bad.xml")
      }
    }
  }

  @Test func escapesLikeDotNet() throws {
    var element = XMLElement("a", attributes: [XMLAttribute("v", "x\"<>&\n")])
    element.children = [.text("1 < 2 & \"3\" > 0\nnext")]
    let written = XMLWriter.string(element, newline: "\r\n")
    #expect(written == "<a v=\"x&quot;&lt;&gt;&amp;&#xA;\">1 &lt; 2 &amp; \"3\" &gt; 0\r\nnext</a>")
    let parsed = try XMLReader.parse(Data(written.utf8), entry: "a.xml")
    #expect(parsed.root[attribute: "v"] == "x\"<>&\n")
  }

  /// Text solpack builds (a report quoting a bad file name) may hold control characters
  /// XML 1.0 cannot carry even as references: the writer replaces them so its output
  /// always parses.
  @Test func controlCharactersBecomeReplacementCharacters() throws {
    let element = XMLElement(
      "a", attributes: [XMLAttribute("v", "x\u{1}y")], children: [.text("bell\u{7}\ttab")])
    let written = XMLWriter.string(element, newline: "\n")
    #expect(written == "<a v=\"x\u{FFFD}y\">bell\u{FFFD}\ttab</a>")
    #expect(
      try XMLReader.parse(Data(written.utf8), entry: "a.xml").root.text == "bell\u{FFFD}\ttab")
  }
}
