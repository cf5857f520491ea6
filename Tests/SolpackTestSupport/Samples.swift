import Foundation

/// The repository's sample solutions, for tests of every target.
public enum Samples {
  public static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("samples")

  public static func path(_ name: String) -> String { root.appendingPathComponent(name).path }

  /// A copy of a sample in `folder`, with `edit` applied to the named files' text.
  public static func copy(
    _ name: String, into folder: TestFolder, as copyName: String? = nil,
    editing edits: [String: (String) -> String] = [:]
  ) throws -> String {
    let target = folder.path(copyName ?? name)
    try FileManager.default.copyItem(at: root.appendingPathComponent(name), to: target)
    for (relative, edit) in edits {
      let file = target.appendingPathComponent(relative)
      let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
      try Data(edit(text).utf8).write(to: file)
    }
    return target.path
  }
}
