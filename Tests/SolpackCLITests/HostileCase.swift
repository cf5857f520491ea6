import Foundation
import SolpackTestSupport
import Testing

/// One row of the hostile-input catalogue (docs/hostile-inputs.md): how to build the
/// archive, and the diagnostic id each command must refuse it with. Adding a case is
/// adding one row to `HostileCase.catalogue`.
struct HostileCase: Sendable, CustomTestStringConvertible {
  /// The diagnostic id each command must report; nil means the command accepts the input
  /// (exit 0), for rows where a command never reads the hostile part.
  struct Expected: Sendable {
    var inspect: String?
    var unpack: String?
    var check: String?
    var `import`: String?
    var diff: String?

    /// The same id from all five commands.
    static func all(_ id: String) -> Expected {
      Expected(inspect: id, unpack: id, check: id, import: id, diff: id)
    }
  }

  var name: String
  var expected: Expected
  /// A ceiling on each command's peak resident memory: far below what bombs declare.
  var memoryCeilingMiB = 100
  var build: @Sendable () throws -> Data

  init(
    _ name: String, _ expected: Expected, memoryCeilingMiB: Int = 100,
    build: @escaping @Sendable () throws -> Data
  ) {
    self.name = name
    self.expected = expected
    self.memoryCeilingMiB = memoryCeilingMiB
    self.build = build
  }

  /// One id from all five commands.
  init(
    _ name: String, _ id: String, memoryCeilingMiB: Int = 100,
    build: @escaping @Sendable () throws -> Data
  ) {
    self.init(name, .all(id), memoryCeilingMiB: memoryCeilingMiB, build: build)
  }

  var testDescription: String { name }
}

/// Names that hostile entries try to write: after every run, nothing by these names may
/// exist anywhere the tests can see.
enum EscapeProbe {
  static let marker = "solpack-escape"
  static func name(_ suffix: String) -> String { "\(marker)-\(suffix).txt" }
  /// Absolute targets the absolute-path rows aim at.
  static let absolute = "/tmp/\(name("absolute"))"
}
