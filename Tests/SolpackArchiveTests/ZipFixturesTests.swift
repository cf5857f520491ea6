import Foundation
import SolpackModel
import SolpackTestSupport
import Testing

@testable import SolpackArchive

/// Helpers shared by the Zip*Tests files: temp folders, deterministic data and access to
/// /usr/bin/zip and unzip. The hand-rolled archive builder is ZipRawArchive (SolpackTestSupport).
enum ZipFixtures {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static var corpusRoot: URL? {
    let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
  }

  /// A fresh folder; `body` gets it and it is removed afterwards.
  static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("solpack-zip-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
  }

  /// Incompressible bytes (xorshift64*), the same on every run.
  static func randomData(count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> Data {
    var state = seed | 1
    var data = Data(count: count)
    data.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) in
      for index in 0..<count {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        buffer[index] = UInt8(truncatingIfNeeded: (state &* 0x2545_F491_4F6C_DD1D) >> 56)
      }
    }
    return data
  }

  static func text(lines: Int, prefix: String = "line") -> Data {
    Data((0..<lines).map { "\(prefix) \($0): <Workflow Name=\"Flow \($0)\"/>\n" }.joined().utf8)
  }

  /// The diagnostic id thrown by `body`, or nil when it does not throw a DiagnosticError.
  static func diagnosticID(_ body: () throws -> Void) -> String? {
    do {
      try body()
      return nil
    } catch let error as DiagnosticError {
      return error.diagnostic.id
    } catch {
      return "unexpected: \(error)"
    }
  }

  /// Opens `data` written to a temp file and reads every entry; returns the diagnostic id.
  static func openAndReadAll(_ data: Data, limits: ZipLimits = .default) throws -> String? {
    try withTemporaryDirectory { folder in
      let url = folder.appendingPathComponent("hostile.zip")
      try data.write(to: url)
      return diagnosticID {
        let reader = try ZipReader(url: url, limits: limits)
        for entry in reader.entries { _ = try reader.read(entry) }
      }
    }
  }

  // MARK: external tools

  static func tool(_ name: String) -> URL? {
    let url = URL(fileURLWithPath: "/usr/bin/\(name)")
    return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
  }

  /// Runs a tool; returns exit status and combined output.
  @discardableResult
  static func run(_ tool: URL, _ arguments: [String], in folder: URL? = nil) throws
    -> (status: Int32, output: String)
  {
    let process = Process()
    process.executableURL = tool
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    // unzip maps UTF-8 names to "#Uxxxx" escapes unless the locale is UTF-8.
    var environment = ProcessInfo.processInfo.environment
    environment["LC_ALL"] = "C.UTF-8"
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
  }
}

@Suite struct ZipFixturesTests {
  @Test func rawArchiveIsAcceptedByUnzip() throws {
    guard let unzip = ZipFixtures.tool("unzip") else {
      print("SKIP rawArchiveIsAcceptedByUnzip: /usr/bin/unzip not found")
      return
    }
    let data = ZipRawArchive.build([
      .stored("a.txt", "hello"), try .deflated("b/c.txt", ZipFixtures.text(lines: 50)),
    ])
    try ZipFixtures.withTemporaryDirectory { folder in
      let url = folder.appendingPathComponent("raw.zip")
      try data.write(to: url)
      let result = try ZipFixtures.run(unzip, ["-t", url.path])
      #expect(result.status == 0, "\(result.output)")
    }
  }

  @Test func randomDataIsDeterministicAndIncompressible() throws {
    let data = ZipFixtures.randomData(count: 100_000)
    #expect(data == ZipFixtures.randomData(count: 100_000))
    #expect(try Deflate.compress(data, level: 9).count > 99_000)
  }
}
