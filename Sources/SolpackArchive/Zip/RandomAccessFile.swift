import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Read-only file accessed with `pread`: there is no shared file offset, so several
/// threads can read different entries at once.
final class RandomAccessFile: @unchecked Sendable {
  struct ShortRead: Error {}

  let name: String
  let size: UInt64
  private let fd: Int32

  init(url: URL) throws {
    name = url.lastPathComponent
    fd = open(url.path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      throw ZipError.readFailed(
        name, "cannot open \(url.path): \(ZipError.errnoText())")
    }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      let text = ZipError.errnoText()
      close(fd)
      throw ZipError.readFailed(name, "cannot stat \(url.path): \(text)")
    }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      close(fd)
      throw ZipError.notAnArchive(name, "\(url.path) is not a regular file")
    }
    size = UInt64(info.st_size)
  }

  deinit { close(fd) }

  /// Fills `buffer` from `offset`. Throws `ShortRead` at end of file, a diagnostic on I/O
  /// errors.
  func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws {
    var done = 0
    while done < buffer.count {
      let count = pread(
        fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
      if count < 0 {
        if errno == EINTR { continue }
        throw ZipError.readFailed(name, "read error at offset \(offset): \(ZipError.errnoText())")
      }
      if count == 0 { throw ShortRead() }
      done += count
    }
  }

  /// Reads exactly `count` bytes at `offset`.
  func bytes(at offset: UInt64, count: Int) throws -> [UInt8] {
    guard count > 0 else { return [] }
    return try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
      try read(into: UnsafeMutableRawBufferPointer(buffer), at: offset)
      initialized = count
    }
  }
}
