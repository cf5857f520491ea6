import Foundation
import Testing

/// Programs the end-to-end tests drive besides solpack: a Python with `jsonschema`, headless
/// Chromium, `script` for a pseudo-terminal. `.ci/run` installs them; a developer machine
/// without one prints a `SKIP` line, and CI fails instead.
enum ExternalTool {
  /// The first of `names` found on PATH (or as an absolute path).
  static func find(_ names: [String]) -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for name in names {
      if name.hasPrefix("/") {
        if FileManager.default.isExecutableFile(atPath: name) { return URL(fileURLWithPath: name) }
        continue
      }
      for folder in path.split(separator: ":") {
        let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      }
    }
    return nil
  }

  /// Records a failure on CI, where the tool must be there; prints SKIP elsewhere.
  static func missing(
    _ what: String, suite: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    if ProcessInfo.processInfo.environment["CI"] == "true" {
      Issue.record("\(what) is not installed; .ci/run installs it", sourceLocation: sourceLocation)
    } else {
      print("SKIP \(suite): \(what) is not installed")
    }
  }

  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func run(_ executable: URL, _ arguments: [String], input: Data? = nil) throws -> Output {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    let inPipe = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inPipe
    try process.run()
    if let input { inPipe.fileHandleForWriting.write(input) }
    try? inPipe.fileHandleForWriting.close()
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
      errData = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Output(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}

/// Validates JSON against the schemas in docs/schemas with Python's `jsonschema` (Debian's
/// python3-jsonschema), draft 2020-12 with formats checked.
enum SchemaValidator {
  static let python: URL? = {
    for candidate in ["/usr/bin/python3", "python3"] {
      guard let url = ExternalTool.find([candidate]),
        let check = try? ExternalTool.run(url, ["-c", "import jsonschema"]), check.status == 0
      else { continue }
      return url
    }
    return nil
  }()

  static let script = """
    import json, sys, jsonschema
    schema = json.load(open(sys.argv[1]))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    document = json.load(sys.stdin)
    for error in validator.iter_errors(document):
        print("/" + "/".join(map(str, error.absolute_path)) + ": " + error.message)
    """

  /// The errors found in `json` (empty when it is valid); nil when no validator is installed.
  static func errors(_ json: String, schema: String) throws -> [String]? {
    guard let python else { return nil }
    let url = SolpackBinary.packageRoot.appendingPathComponent("docs/schemas/\(schema)")
    let output = try ExternalTool.run(python, ["-c", script, url.path], input: Data(json.utf8))
    #expect(output.status == 0, "\(output.stderr)")
    return output.stdout.split(separator: "\n").map(String.init)
  }
}
