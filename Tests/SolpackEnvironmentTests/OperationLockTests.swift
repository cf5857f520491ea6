import Foundation
import SolpackModel
import SolpackTestSupport
import Testing

@testable import SolpackEnvironment

@Suite struct OperationLockTests {
  final class Calls: @unchecked Sendable {
    private let lock = NSLock()
    private var holders: [OperationLock.Holder?] = []
    func record(_ holder: OperationLock.Holder?) {
      lock.withLock { holders.append(holder) }
    }
    var all: [OperationLock.Holder?] { lock.withLock { holders } }
  }

  @Test func secondStoreWaitsThenGivesUpNamingTheHolder() throws {
    let folder = TestFolder()
    let env = folder.path("env.sqlite").path
    let first = SQLiteEnvironmentStore(path: env)
    let calls = Calls()
    let second = SQLiteEnvironmentStore(
      path: env, waiting: OperationLock.Waiting(timeout: 0.3) { calls.record($0) })
    var thrown: DiagnosticError?
    try first.exclusively("import") {
      #expect(FileManager.default.fileExists(atPath: env + ".lock"))
      do {
        _ = try second.exclusively("env provide") { Issue.record("ran while the lock was held") }
      } catch let error as DiagnosticError {
        thrown = error
      }
    }
    #expect(thrown?.diagnostic.id == "environment-busy")
    #expect(thrown?.diagnostic.message.contains("import by pid \(getpid()) since") == true)
    #expect(calls.all.count == 1)
    #expect(calls.all.first??.operation == "import")
    #expect(calls.all.first??.pid == getpid())
    // Released: the file is gone and the other store gets the lock at once.
    #expect(!FileManager.default.fileExists(atPath: env + ".lock"))
    #expect(try second.exclusively("env provide") { 42 } == 42)
  }

  @Test func nestedCallsOnOneStoreDoNotWaitForThemselves() throws {
    let folder = TestFolder()
    let store = SQLiteEnvironmentStore(
      path: folder.path("env.sqlite").path, waiting: OperationLock.Waiting(timeout: 0))
    let value = try store.exclusively("outer") {
      try store.exclusively("inner") { "nested" }
    }
    #expect(value == "nested")
  }

  @Test func waiterTakesTheLockWhenTheHolderFinishes() throws {
    let folder = TestFolder()
    let env = folder.path("env.sqlite").path
    let held = try OperationLock(environment: env).acquire("import", waiting: .init(timeout: 0))
    let release = Thread {
      Thread.sleep(forTimeInterval: 0.2); held.release()
    }
    release.start()
    let started = Date()
    let again = try OperationLock(environment: env).acquire("export", waiting: .init(timeout: 10))
    #expect(Date().timeIntervalSince(started) < 5)
    let descriptor = open(env + ".lock", O_RDONLY)
    defer { close(descriptor) }
    #expect(OperationLock.readHolder(descriptor)?.operation == "export")
    again.release()
  }

  @Test func lockOnAMissingFolderIsADiagnostic() throws {
    let store = SQLiteEnvironmentStore(path: "/nonexistent-solpack/env.sqlite")
    #expect {
      try store.exclusively("import") {}
    } throws: { ($0 as? DiagnosticError)?.diagnostic.id == "environment-lock-failed" }
  }
}
