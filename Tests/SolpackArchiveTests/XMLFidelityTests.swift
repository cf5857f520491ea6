import Foundation
import SolpackModel
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
}
