import Foundation
import SolpackModel

/// Replaces a file or folder only once the new one is complete: work happens in a
/// temporary sibling that is renamed over the target at the end, so a crash or an
/// error never leaves a half-written target.
public enum AtomicFile {
  /// Writes `data` over `target` through a temporary sibling.
  public static func write(_ data: Data, to target: URL) throws {
    do {
      try replace(target) { try data.write(to: $0) }
    } catch let error as DiagnosticError {
      throw error
    } catch {
      throw failure(target, error.localizedDescription)
    }
  }

  static func replace(_ target: URL, _ write: (URL) throws -> Void) throws {
    let temporary = sibling(of: target)
    do {
      try write(temporary)
      if rename(temporary.path, target.path) != 0 {
        throw failure(target, String(cString: strerror(errno)))
      }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
  }

  /// Writes a new folder and swaps it in; an existing target folder is replaced only
  /// when `replacing` is true.
  static func replaceFolder(_ target: URL, replacing: Bool, _ write: (URL) throws -> Void) throws {
    let fileManager = FileManager.default
    let exists = fileManager.fileExists(atPath: target.path)
    if exists && !replacing {
      let contents = (try? fileManager.contentsOfDirectory(atPath: target.path)) ?? ["?"]
      if !contents.isEmpty {
        throw DiagnosticError(
          .error(
            "target-exists", "\(target.path) already exists and is not empty",
            hint: "Choose a new folder, or pass --force to replace this one."))
      }
    }
    let temporary = sibling(of: target)
    do {
      try fileManager.createDirectory(at: temporary, withIntermediateDirectories: false)
      try write(temporary)
      if exists {
        let old = sibling(of: target)
        guard rename(target.path, old.path) == 0 else {
          throw failure(target, String(cString: strerror(errno)))
        }
        guard rename(temporary.path, target.path) == 0 else {
          _ = rename(old.path, target.path)
          throw failure(target, String(cString: strerror(errno)))
        }
        try? fileManager.removeItem(at: old)
      } else if rename(temporary.path, target.path) != 0 {
        throw failure(target, String(cString: strerror(errno)))
      }
    } catch {
      try? fileManager.removeItem(at: temporary)
      throw error
    }
  }

  static func sibling(of target: URL) -> URL {
    let name = ".\(target.lastPathComponent).solpack-\(UUID().uuidString.prefix(8))"
    return target.deletingLastPathComponent().appendingPathComponent(name)
  }

  private static func failure(_ target: URL, _ reason: String) -> DiagnosticError {
    DiagnosticError(
      .error(
        "write-failed", "could not write \(target.path): \(reason)",
        hint: "Check that the folder exists and that you may write to it."))
  }
}
