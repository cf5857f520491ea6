import Foundation
import SolpackArchive
import SolpackModel

/// XML bytes → XMLReader.parse, then the writer: anything parsed must write back.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let data = Data(bytes: start, count: count)
  do {
    let file = try XMLReader.parse(data, entry: "fuzz.xml")
    _ = XMLWriter.data(file)
  } catch is DiagnosticError {
  } catch {
    fatalError("not a DiagnosticError: \(error)")
  }
  return 0
}
