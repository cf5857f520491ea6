import Foundation
import SolpackTestSupport
import Testing

@testable import SolpackArchive

@Suite struct AtomicFileTests {
  /// The pid of a process that has ended.
  static func deadPID() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "exit 0"]
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
  }

  @Test func writeSweepsTemporariesOfDeadProcessesOnly() throws {
    let folder = TestFolder()
    let target = folder.path("out.zip")
    let dead = folder.path(".out.zip.solpack-\(try Self.deadPID())-0badf00d")
    let live = folder.path(".out.zip.solpack-\(getpid())-0badf00d")
    let other = folder.path(".other.zip.solpack-\(try Self.deadPID())-0badf00d")
    for url in [dead, live, other] { try Data("partial".utf8).write(to: url) }
    try AtomicFile.write(Data("complete".utf8), to: target)
    #expect(try Data(contentsOf: target) == Data("complete".utf8))
    #expect(!FileManager.default.fileExists(atPath: dead.path))
    #expect(FileManager.default.fileExists(atPath: live.path))
    #expect(FileManager.default.fileExists(atPath: other.path))
  }

  @Test func replacingAFolderSwapsItAndSweepsDeadTemporaryFolders() throws {
    let folder = TestFolder()
    let target = folder.path("tree")
    try folder.write(["tree/old.txt": "old"])
    try folder.write([".tree.solpack-\(try Self.deadPID())-0badf00d/half.txt": "half"])
    try AtomicFile.replaceFolder(target, replacing: true) { temporary in
      #expect(temporary.lastPathComponent.hasPrefix(".tree.solpack-\(getpid())-"))
      try Data("new".utf8).write(to: temporary.appendingPathComponent("new.txt"))
    }
    #expect(try TestFolder.contents(of: target) == ["new.txt": Data("new".utf8)])
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
    #expect(left == ["tree"])
  }

  @Test func exchangeSwapsTwoFolders() throws {
    let folder = TestFolder()
    try folder.write(["a/one.txt": "1", "b/two.txt": "2"])
    #expect(AtomicFile.exchange(folder.path("a"), folder.path("b")))
    #expect(FileManager.default.fileExists(atPath: folder.path("a/two.txt").path))
    #expect(FileManager.default.fileExists(atPath: folder.path("b/one.txt").path))
  }
}
