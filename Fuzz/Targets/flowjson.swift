import Foundation
import SolpackArchive
import SolpackModel

/// Flow JSON bytes → the one-pass scanner. Whatever it accepts, Foundation's parser must
/// accept too (the scanner is stricter, never looser), and a refusal points inside the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFlowJSON(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let data = Data(bytes: start, count: count)
  do throws(FlowJSONProblem) {
    _ = try FlowReferenceScanner.references(json: data, metadata: XMLElement("Workflow"))
    if (try? JSONSerialization.jsonObject(with: data)) == nil {
      fatalError("the scanner accepted what JSONSerialization refuses")
    }
  } catch {
    precondition(error.offset >= 0 && error.offset <= count, "offset \(error.offset) of \(count)")
  }
  return 0
}
