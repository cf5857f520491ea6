import Foundation
import SolpackModel
import SolpackTestSupport
import Testing

@testable import SolpackEnvironment

/// Every role × operation, through the library: alice owns the sample credential,
/// bob holds `role` (or nothing), and bob tries `operation`.
@Suite struct CredentialRolesTests {
  enum Held: String, CaseIterable, CustomTestStringConvertible {
    case owner, coOwner = "co-owner", userCanShare = "user-can-share", user, none
    var role: AccessRole? { self == .none ? nil : AccessRole(rawValue: rawValue) }
    var testDescription: String { rawValue }
  }

  enum Operation: String, CaseIterable, CustomTestStringConvertible {
    case use, list, viewAccess = "view-access", edit, shareUser = "share-user"
    case shareUserCanShare = "share-user-can-share", shareCoOwner = "share-co-owner"
    case unshare, delete
    var testDescription: String { rawValue }
  }

  /// The rules of the issue: co-owner everything; user who can share uses and shares
  /// as User or User who can share; user only uses.
  static func allowed(_ held: Held, _ operation: Operation) -> Bool {
    switch held {
    case .owner, .coOwner: true
    case .userCanShare:
      [.use, .list, .viewAccess, .shareUser, .shareUserCanShare].contains(operation)
    case .user: [.use, .list].contains(operation)
    case .none: false
    }
  }

  static let cases: [(Held, Operation)] = Held.allCases.flatMap { held in
    Operation.allCases.map { (held, $0) }
  }

  @Test(arguments: cases)
  func roleAllowsOperation(_ held: Held, _ operation: Operation) throws {
    let folder = TestFolder()
    let store = SQLiteEnvironmentStore(path: folder.path("env.sqlite").path)
    let imported = ImportEngine.run(
      [Samples.path("CredentialsCore")], store: store, options: ImportOptions(actor: "alice"))
    #expect(imported.outcome == .imported)
    let bob = held == .owner ? "alice" : "bob"
    if let role = held.role, role != .owner {
      _ = try CredentialEngine(store: store, actor: "alice").share(
        "Invoice Portal Login", with: bob, role: role)
    }
    // carol holds User so that unshare has someone to remove.
    _ = try CredentialEngine(store: store, actor: "alice").share(
      "Invoice Portal Login", with: "carol", role: .user)
    let engine = CredentialEngine(store: store, actor: bob)
    let before = try store.load()
    var denied = false
    do {
      switch operation {
      case .use:
        let report = ImportEngine.run(
          [Samples.path("InvoiceFlows")], store: store, options: ImportOptions(actor: bob))
        denied = report.allDiagnostics.contains { $0.id == "permission-denied" }
      case .list:
        denied = try engine.list().credentials.isEmpty
      case .viewAccess: _ = try engine.access("Invoice Portal Login")
      case .edit: _ = try engine.edit("Invoice Portal Login", .init(description: "changed"))
      case .shareUser: _ = try engine.share("Invoice Portal Login", with: "dave", role: .user)
      case .shareUserCanShare:
        _ = try engine.share("Invoice Portal Login", with: "dave", role: .userCanShare)
      case .shareCoOwner: _ = try engine.share("Invoice Portal Login", with: "dave", role: .coOwner)
      case .unshare: _ = try engine.unshare("Invoice Portal Login", from: "carol")
      case .delete: _ = try engine.delete("Invoice Portal Login")
      }
    } catch let error as DiagnosticError {
      #expect(error.diagnostic.id == "permission-denied", "\(error.diagnostic.message)")
      denied = true
    }
    #expect(denied == !Self.allowed(held, operation), "\(held) \(operation)")
    if denied, operation != .use, operation != .list {
      #expect(try store.load() == before, "a refused operation changed the environment")
    }
  }

  @Test func roleTable() {
    #expect(AccessRole.allCases.filter { $0.allows(.share) } == [.owner, .coOwner, .userCanShare])
    #expect(AccessRole.allCases.filter { $0.allows(.delete) } == [.owner, .coOwner])
    #expect(
      AccessRole.allCases.filter { AccessRole.userCanShare.canGrant($0) } == [.userCanShare, .user])
    #expect(
      AccessRole.allCases.filter { AccessRole.coOwner.canGrant($0) } == [
        .coOwner, .userCanShare, .user,
      ])
    #expect(!AccessRole.user.canGrant(.user))
  }

  @Test func sharingReachesTheEnvVarsAndUnsharingLeavesThem() throws {
    let folder = TestFolder()
    let store = SQLiteEnvironmentStore(path: folder.path("env.sqlite").path)
    _ = ImportEngine.run(
      [Samples.path("CredentialsCore")], store: store, options: ImportOptions(actor: "alice"))
    let alice = CredentialEngine(store: store, actor: "alice")
    let shared = try alice.share("Invoice Portal Login", with: "bob", role: .userCanShare)
    #expect(shared.variables == ["contoso_InvoicePortalPassword", "contoso_InvoicePortalUsername"])
    let state = try store.load()
    for variable in shared.variables {
      #expect(
        CredentialAccess.role(of: "BOB", on: CredentialAccess.key(variable: variable), in: state)
          == .userCanShare)
    }
    let removed = try alice.unshare("Invoice Portal Login", from: "bob")
    #expect(removed.keptVariables == shared.variables)
    let after = try store.load()
    #expect(
      CredentialAccess.role(of: "bob", on: CredentialAccess.key("Invoice Portal Login"), in: after)
        == nil)
    for variable in shared.variables {
      #expect(
        CredentialAccess.role(of: "bob", on: CredentialAccess.key(variable: variable), in: after)
          == .userCanShare)
    }
  }
}
