import Foundation
import SolpackModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Replaces a file or folder only once the new one is complete: work happens in a
/// temporary sibling that is renamed over the target at the end, so a crash or an
/// error never leaves a half-written target.
///
/// Temporary siblings are named `.<target>.solpack-<pid>-<random>`. A process killed
/// before its rename (SIGKILL, power cut) leaves one behind; the next write to the
/// same target removes those whose process is gone (`sweep`).
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

  /// Calls `write` with a temporary sibling of `target` to fill, then renames it over
  /// `target`; on error the temporary is removed and `target` is untouched.
  public static func replace(_ target: URL, _ write: (URL) throws -> Void) throws {
    sweep(target)
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
    sweep(target)
    let temporary = sibling(of: target)
    do {
      try fileManager.createDirectory(at: temporary, withIntermediateDirectories: false)
      try write(temporary)
      if exists {
        // Swapped in one step where the system can, so the target is never missing;
        // the old folder then sits at the temporary name until it is removed.
        if exchange(temporary, target) {
          try? fileManager.removeItem(at: temporary)
          return
        }
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

  /// A new temporary beside `target`, named so that `sweep` removes it once its
  /// process is gone.
  public static func sibling(of target: URL) -> URL {
    let name = "\(siblingPrefix(of: target))\(getpid())-\(UUID().uuidString.prefix(8))"
    return target.deletingLastPathComponent().appendingPathComponent(name)
  }

  static func siblingPrefix(of target: URL) -> String { ".\(target.lastPathComponent).solpack-" }

  /// Removes temporary siblings of `target` left by processes that no longer run.
  /// Those of a live process (another solpack writing the same target) are kept.
  static func sweep(_ target: URL) {
    let folder = target.deletingLastPathComponent()
    let prefix = siblingPrefix(of: target)
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
      return
    }
    for name in names where name.hasPrefix(prefix) {
      let rest = name.dropFirst(prefix.count)
      guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0,
        kill(pid, 0) != 0, errno == ESRCH
      else { continue }
      try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
    }
  }

  /// Swaps two paths atomically: `renameat2(RENAME_EXCHANGE)` on Linux (3.15+, looked
  /// up at run time because Glibc's module does not export it), `renamex_np(RENAME_SWAP)`
  /// on macOS. False when the system or the file system cannot.
  static func exchange(_ first: URL, _ second: URL) -> Bool {
    #if canImport(Glibc)
      guard let renameat2 = renameat2Function else { return false }
      let renameExchange: UInt32 = 1 << 1  // RENAME_EXCHANGE, linux/fs.h
      return renameat2(AT_FDCWD, first.path, AT_FDCWD, second.path, renameExchange) == 0
    #elseif canImport(Darwin)
      return renamex_np(first.path, second.path, UInt32(RENAME_SWAP)) == 0
    #else
      return false
    #endif
  }

  #if canImport(Glibc)
    private typealias RenameAt2 =
      @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32
    private static let renameat2Function: RenameAt2? = {
      guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
      return unsafeBitCast(symbol, to: RenameAt2.self)
    }()
  #endif

  private static func failure(_ target: URL, _ reason: String) -> DiagnosticError {
    DiagnosticError(
      .error(
        "write-failed", "could not write \(target.path): \(reason)",
        hint: "Check that the folder exists and that you may write to it."))
  }
}
