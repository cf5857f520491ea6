import Foundation

/// The shared corpus of real solutions (`../shared/corpus` beside the package).
/// Tests that need it skip with a visible message when it is absent.
enum Corpus {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static let root: URL? = {
    let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
  }()

  static func skipMessage(_ test: String) -> String {
    "SKIP \(test): ../shared/corpus not found; corpus tests did not run"
  }

  static func files(named name: String) -> [URL] {
    files(withSuffix: name).filter { $0.lastPathComponent == name }
  }

  static func files(withSuffix suffix: String) -> [URL] {
    guard let root,
      let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
    else { return [] }
    return enumerator.compactMap { $0 as? URL }.filter { $0.lastPathComponent.hasSuffix(suffix) }
      .sorted { $0.path < $1.path }
  }
}
