import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Sequential reader for a streamed writer input.
final class InputFile {
  private let fd: Int32
  private let path: String
  private let entry: String

  init(path: String, entry: String) throws {
    self.path = path
    self.entry = entry
    fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      throw ZipError.writeFailed(entry, "cannot open \(path): \(ZipError.errnoText())")
    }
  }

  deinit { close(fd) }

  /// Reads until `buffer` is full or the file ends; returns the byte count (0 at the end).
  /// Full slices keep deflate's input boundaries identical to the in-memory path.
  func fill(_ buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    var done = 0
    while done < buffer.count {
      let count = read(fd, buffer.baseAddress! + done, buffer.count - done)
      if count < 0 && errno == EINTR { continue }
      if count < 0 {
        throw ZipError.writeFailed(entry, "cannot read \(path): \(ZipError.errnoText())")
      }
      if count == 0 { break }
      done += count
    }
    return done
  }
}
