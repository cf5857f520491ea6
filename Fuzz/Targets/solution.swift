import Foundation
import SolpackArchive
import SolpackModel

/// Zip bytes → the whole solution reader (manifest, customizations, env vars,
/// credentials, flow JSON) and the unpacked layout that unpack would write.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSolution(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let url = FuzzFile.write(start, count)
  do {
    let source = try SolutionSources.open(url, limits: FuzzFile.limits)
    let result = try SolutionReader.read(source)
    _ = try UnpackedLayout.folderFiles(for: source, customizations: result.customizations)
  } catch is DiagnosticError {
  } catch {
    fatalError("not a DiagnosticError: \(error)")
  }
  return 0
}
