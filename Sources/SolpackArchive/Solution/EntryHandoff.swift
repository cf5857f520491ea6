import Foundation

/// Inflated entries that one reader of an archive leaves for another: an import
/// stores every entry (on one thread) while it parses the solution's own files (on
/// others), and each of those was inflated twice, a seventh of all the instructions of
/// a 10,000-component import. Whoever inflates a shared entry first offers it here;
/// the second reader takes it, and it is gone. What is held never passes `budget`
/// bytes: past that, the second reader inflates again, so memory stays flat.
public final class EntryHandoff: @unchecked Sendable {
  private let lock = NSLock()
  // Guarded by `lock`.
  private var held: [String: Data] = [:]
  private var bytes = 0
  private let budget: Int
  private let shares: @Sendable (String) -> Bool

  /// `shares` says which entries both readers read; only those are offered.
  public init(budget: Int, shares: @escaping @Sendable (String) -> Bool) {
    self.budget = budget
    self.shares = shares
  }

  /// The entry's bytes if the other reader left them, which are then gone from here.
  func take(_ path: String) -> Data? {
    lock.lock()
    defer { lock.unlock() }
    guard let data = held.removeValue(forKey: path) else { return nil }
    bytes -= data.count
    return data
  }

  /// Leaves `data` for the other reader, if it reads this entry and the budget allows.
  func offer(_ path: String, _ data: Data) {
    guard shares(path) else { return }
    lock.lock()
    defer { lock.unlock() }
    guard bytes + data.count <= budget, held[path] == nil else { return }
    held[path] = data
    bytes += data.count
  }

  /// Bytes held now.
  var heldBytes: Int {
    lock.lock()
    defer { lock.unlock() }
    return bytes
  }
}
