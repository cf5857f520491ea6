import Foundation
import SolpackModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Flushes a file, or a folder's entries, to stable storage: for files written without
/// syncs of their own (a new environment's temporary) before they are renamed in.
enum FileSync {
  static func sync(_ url: URL) throws {
    let descriptor = open(url.path, O_RDONLY)
    guard descriptor >= 0 else { throw failure(url) }
    defer { close(descriptor) }
    guard fsync(descriptor) == 0 else { throw failure(url) }
  }

  private static func failure(_ url: URL) -> DiagnosticError {
    DiagnosticError(
      .error(
        "environment-write-failed",
        "could not flush \(url.path) to disk: \(String(cString: strerror(errno)))",
        hint: "Check the disk and the folder's permissions, then import again."))
  }
}
