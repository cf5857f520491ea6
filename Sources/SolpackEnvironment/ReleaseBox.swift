import Foundation

/// Hands `value` to another thread to be freed. The parsed solutions of a large
/// import are hundreds of thousands of arrays and strings; freeing them on the main
/// thread was about 90 M instructions at 10,000 components, after the commit, with
/// the report still to be printed.
func freeElsewhere<T: Sendable>(_ value: consuming T) {
  let box = ReleaseBox(value)
  DispatchQueue.global(qos: .utility).async { box.value = nil }
}

/// The only owner of a value on its way to another thread, so that thread's release
/// is the last one.
private final class ReleaseBox<T: Sendable>: @unchecked Sendable {
  // Set once here, cleared once by the thread that frees it.
  var value: T?
  init(_ value: consuming T) { self.value = value }
}
