/// How far long work has come: entries and bytes done of a total. Engines report it
/// through a `ProgressHandler` and never print; the CLI decides whether anyone sees it.
public struct WorkProgress: Sendable, Equatable {
  public var entriesDone: Int
  public var entriesTotal: Int
  public var bytesDone: UInt64
  public var bytesTotal: UInt64

  public init(entriesDone: Int, entriesTotal: Int, bytesDone: UInt64, bytesTotal: UInt64) {
    self.entriesDone = entriesDone
    self.entriesTotal = entriesTotal
    self.bytesDone = bytesDone
    self.bytesTotal = bytesTotal
  }
}

/// Called from any thread, in no particular order between threads; must be cheap.
public typealias ProgressHandler = @Sendable (WorkProgress) -> Void
