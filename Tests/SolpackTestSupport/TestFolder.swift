import Foundation

/// A fresh temporary folder per test, removed when the value goes away.
public final class TestFolder {
  public let url: URL

  public init(_ name: String = #function) {
    let safe = name.filter { $0.isLetter || $0.isNumber }
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "solpack-test-\(safe)-\(UUID().uuidString.prefix(8))")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  public func path(_ relative: String) -> URL { url.appendingPathComponent(relative) }

  /// Writes `files` (relative path → text) under the folder.
  public func write(_ files: [String: String]) throws {
    for (relative, text) in files {
      let file = path(relative)
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: file)
    }
  }

  /// Relative path → bytes for every file below `root`.
  public static func contents(of root: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let base = root.standardizedFileURL.resolvingSymlinksInPath().path
    guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
    else { return result }
    for case let url as URL in enumerator {
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
      if isDirectory.boolValue { continue }
      let full = url.standardizedFileURL.resolvingSymlinksInPath().path
      result[String(full.dropFirst(base.count + 1))] = try Data(contentsOf: url)
    }
    return result
  }
}
