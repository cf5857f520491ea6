import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Buffered, append-only archive file that can also patch bytes already written (the
/// local header of a streamed entry). Tracks the logical write offset.
final class ZipOutput {
  private static let bufferCapacity = 1 << 20

  let name: String
  private var fd: Int32
  private var buffer: [UInt8] = []
  /// Offset where the next byte will land.
  private(set) var position: UInt64 = 0

  init(url: URL) throws {
    name = url.lastPathComponent
    fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw ZipError.writeFailed(name, "cannot create \(url.path): \(ZipError.errnoText())")
    }
    buffer.reserveCapacity(Self.bufferCapacity)
  }

  deinit {
    if fd >= 0 { _ = systemClose(fd) }
  }

  func write(_ bytes: [UInt8]) throws {
    try bytes.withUnsafeBytes { try write($0) }
  }

  func write(_ bytes: UnsafeRawBufferPointer) throws {
    if buffer.count + bytes.count > Self.bufferCapacity { try flush() }
    if bytes.count >= Self.bufferCapacity {
      try writeFully(bytes, at: nil)
    } else {
      buffer.append(contentsOf: bytes)
    }
    position += UInt64(bytes.count)
  }

  /// Overwrites already-written bytes at `offset` without moving `position`.
  func patch(_ bytes: [UInt8], at offset: UInt64) throws {
    try flush()
    try bytes.withUnsafeBytes { try writeFully($0, at: offset) }
  }

  func close() throws {
    try flush()
    let result = systemClose(fd)
    fd = -1
    guard result == 0 else {
      throw ZipError.writeFailed(name, "cannot close \(name): \(ZipError.errnoText())")
    }
  }

  private func flush() throws {
    guard !buffer.isEmpty else { return }
    try buffer.withUnsafeBytes { try writeFully($0, at: nil) }
    buffer.removeAll(keepingCapacity: true)
  }

  private func writeFully(_ bytes: UnsafeRawBufferPointer, at offset: UInt64?) throws {
    var done = 0
    while done < bytes.count {
      let pointer = bytes.baseAddress! + done
      let count =
        if let offset {
          pwrite(fd, pointer, bytes.count - done, off_t(offset) + off_t(done))
        } else {
          systemWrite(fd, pointer, bytes.count - done)
        }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else {
        throw ZipError.writeFailed(name, "cannot write \(name): \(ZipError.errnoText())")
      }
      done += count
    }
  }
}

// The methods named `close`/`write` shadow the C functions inside the class.
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
private func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
  write(fd, pointer, count)
}
