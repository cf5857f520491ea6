import Foundation
import SolpackArchive
import SolpackModel

/// Zip bytes → ZipReader: open, then stream every entry. Any DiagnosticError is a
/// correct refusal; crashes, hangs, leaks and other errors are findings.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzZip(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let url = FuzzFile.write(start, count)
  do {
    let reader = try ZipReader(url: url, limits: FuzzFile.limits)
    for entry in reader.entries where !entry.isDirectory {
      var seen: UInt64 = 0
      try reader.stream(entry) { seen += UInt64($0.count) }
      precondition(seen <= entry.uncompressedSize, "inflated past the declared size")
    }
  } catch is DiagnosticError {
  } catch {
    fatalError("not a DiagnosticError: \(error)")
  }
  return 0
}
