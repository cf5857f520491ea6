import Foundation
import SolpackModel
import Testing

@testable import SolpackArchive

/// Helpers shared by the Zip*Tests files: temp folders, deterministic data, a hand-rolled
/// archive builder for hostile inputs, and access to /usr/bin/zip and unzip.
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

/// Builds archives byte by byte, so tests can put in exactly the lies they need.
struct ZipRawEntry {
  var name: [UInt8]
  var localName: [UInt8]? = nil
  var method: UInt16 = 0
  var flags: UInt16 = 0
  /// Bytes stored as the entry's data (already compressed for method 8).
  var payload: [UInt8]
  var crc: UInt32
  var uncompressedSize: UInt32
  var compressedSize: UInt32? = nil

  /// A stored entry with correct CRC and sizes.
  static func stored(_ name: String, _ content: String) -> ZipRawEntry {
    let bytes = Array(content.utf8)
    return ZipRawEntry(
      name: Array(name.utf8), payload: bytes, crc: CRC32.checksum(Data(bytes)),
      uncompressedSize: UInt32(bytes.count))
  }

  /// A deflated entry with correct CRC and sizes.
  static func deflated(_ name: String, _ content: Data) throws -> ZipRawEntry {
    let compressed = try Deflate.compress(content, level: 6)
    return ZipRawEntry(
      name: Array(name.utf8), method: 8, payload: Array(compressed),
      crc: CRC32.checksum(content), uncompressedSize: UInt32(content.count))
  }
}

enum ZipRawArchive {
  static func build(_ entries: [ZipRawEntry], comment: [UInt8] = []) -> Data {
    var out = ByteWriter()
    var central = ByteWriter()
    for entry in entries {
      let offset = UInt32(out.bytes.count)
      let localName = entry.localName ?? entry.name
      let compressed = entry.compressedSize ?? UInt32(entry.payload.count)
      out.u32(0x0403_4b50)
      out.u16(20)
      out.u16(entry.flags)
      out.u16(entry.method)
      out.u16(0)
      out.u16(0x21)
      out.u32(entry.crc)
      out.u32(compressed)
      out.u32(entry.uncompressedSize)
      out.u16(UInt16(localName.count))
      out.u16(0)
      out.append(localName)
      out.append(entry.payload)
      central.u32(0x0201_4b50)
      central.u16(20)
      central.u16(20)
      central.u16(entry.flags)
      central.u16(entry.method)
      central.u16(0)
      central.u16(0x21)
      central.u32(entry.crc)
      central.u32(compressed)
      central.u32(entry.uncompressedSize)
      central.u16(UInt16(entry.name.count))
      for _ in 0..<4 { central.u16(0) }  // extra, comment, disk, internal attributes
      central.u32(0)
      central.u32(offset)
      central.append(entry.name)
    }
    let directoryOffset = UInt32(out.bytes.count)
    out.append(central.bytes)
    out.u32(0x0605_4b50)
    out.u16(0)
    out.u16(0)
    out.u16(UInt16(entries.count))
    out.u16(UInt16(entries.count))
    out.u32(UInt32(central.bytes.count))
    out.u32(directoryOffset)
    out.u16(UInt16(comment.count))
    out.append(comment)
    return Data(out.bytes)
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
