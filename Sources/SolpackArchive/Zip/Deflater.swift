import CSystemZlib
import Foundation

/// Raw deflate (no zlib/gzip wrapper, as ZIP stores it) over a heap-pinned `z_stream`:
/// zlib keeps a pointer back to the stream, so it must never move.
final class Deflater {
  /// Input is fed in slices of this size so every caller (in-memory or streamed) makes
  /// the same zlib calls and therefore produces byte-identical output.
  static let inputChunkSize = 1 << 20
  private let outputCapacity: Int

  private let stream: UnsafeMutablePointer<z_stream>
  private let buffer: UnsafeMutableRawPointer
  private let entry: String?

  init(level: Int32, entry: String? = nil, outputCapacity: Int = 256 << 10) throws {
    self.entry = entry
    self.outputCapacity = outputCapacity
    stream = .allocate(capacity: 1)
    stream.initialize(to: z_stream())
    buffer = .allocate(byteCount: outputCapacity, alignment: 16)
    let status = deflateInit2_(
      stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
      Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else {
      stream.deinitialize(count: 1)
      stream.deallocate()
      buffer.deallocate()
      throw ZipError.writeFailed(
        entry ?? "deflate", "cannot start deflate at level \(level) (zlib error \(status))")
    }
  }

  deinit {
    deflateEnd(stream)
    stream.deinitialize(count: 1)
    stream.deallocate()
    buffer.deallocate()
  }

  /// Compresses `input` (at most `inputChunkSize` bytes per call for determinism);
  /// `finish` ends the stream. Compressed bytes go to `output` as they are produced.
  func process(
    _ input: UnsafeRawBufferPointer, finish: Bool,
    output: (UnsafeRawBufferPointer) throws -> Void
  ) throws {
    precondition(input.count <= Self.inputChunkSize)
    stream.pointee.next_in = UnsafeMutablePointer(
      mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
    stream.pointee.avail_in = uInt(input.count)
    let flush = finish ? Z_FINISH : Z_NO_FLUSH
    while true {
      stream.pointee.next_out = buffer.assumingMemoryBound(to: Bytef.self)
      stream.pointee.avail_out = uInt(outputCapacity)
      let status = deflate(stream, flush)
      guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
        throw ZipError.writeFailed(entry ?? "deflate", "deflate failed (zlib error \(status))")
      }
      let produced = outputCapacity - Int(stream.pointee.avail_out)
      if produced > 0 { try output(UnsafeRawBufferPointer(start: buffer, count: produced)) }
      if finish {
        if status == Z_STREAM_END { break }
      } else if stream.pointee.avail_out != 0 {
        break  // all input consumed, nothing pending
      }
    }
    stream.pointee.next_in = nil
    stream.pointee.avail_in = 0
  }

  /// Compresses a whole buffer: fixed-size slices, then an empty finishing call.
  func compressAll(
    _ input: UnsafeRawBufferPointer, output: (UnsafeRawBufferPointer) throws -> Void
  ) throws {
    var offset = 0
    while offset < input.count {
      let length = min(Self.inputChunkSize, input.count - offset)
      let slice = UnsafeRawBufferPointer(rebasing: input[offset..<offset + length])
      try process(slice, finish: false, output: output)
      offset += length
    }
    try process(UnsafeRawBufferPointer(start: nil, count: 0), finish: true, output: output)
  }
}

/// One-shot raw deflate, for callers outside the zip layer.
public enum Deflate {
  public static func compress(_ data: Data, level: Int32 = 6) throws -> Data {
    let deflater = try Deflater(level: level)
    var result = Data()
    try data.withUnsafeBytes { input in
      try deflater.compressAll(input) { result.append(contentsOf: $0) }
    }
    return result
  }
}
