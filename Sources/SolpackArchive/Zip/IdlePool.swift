import Foundation

/// Resources kept between uses, for those whose setting up costs more than the small
/// entry they serve (zlib streams, libxml2 readers). About one per thread that works at
/// once is enough; beyond `keep`, `give` refuses and the caller frees the resource.
final class IdlePool<Resource>: @unchecked Sendable {
  private let keep: Int
  private let lock = NSLock()
  // Guarded by `lock`.
  private var idle: [Resource] = []

  init(keep: Int = 16) {
    self.keep = keep
  }

  /// A kept resource, if any waits.
  func take() -> Resource? {
    lock.withLock { idle.popLast() }
  }

  /// Keeps `resource` for the next `take`; false when the pool is full.
  func give(_ resource: Resource) -> Bool {
    lock.withLock {
      guard idle.count < keep else { return false }
      idle.append(resource)
      return true
    }
  }

  /// Every waiting resource, taken out of the pool for the caller to free.
  func drain() -> [Resource] {
    lock.withLock {
      defer { idle = [] }
      return idle
    }
  }

  /// How many resources wait to be reused (for tests).
  var idleCount: Int { lock.withLock { idle.count } }
}
