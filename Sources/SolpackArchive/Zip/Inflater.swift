import CSystemZlib
import Foundation

/// Raw inflate that refuses to produce more than `limit` bytes: a lying size in a header
/// cannot make it allocate or emit more than the archive declared.
final class Inflater {
  static let outputCapacity = 256 << 10

  private let stream: UnsafeMutablePointer<z_stream>
  private let buffer: UnsafeMutableRawPointer
  /// At most `outputCapacity`: a small entry needs no 256 KiB of room.
  private let capacity: Int
  private let entry: String
  private let streams: StreamPool
  let limit: UInt64
  private(set) var produced: UInt64 = 0
  private(set) var finished = false

  init(limit: UInt64, entry: String, streams: StreamPool = .shared) throws {
    self.limit = limit
    self.entry = entry
    self.streams = streams
    capacity = limit < UInt64(Self.outputCapacity) ? Int(limit) + 1 : Self.outputCapacity
    stream = try streams.take(entry: entry)
    buffer = .allocate(byteCount: capacity, alignment: 16)
  }

  deinit {
    streams.give(stream)
    buffer.deallocate()
  }

  /// Inflates one slice of compressed input (≤ 1 GiB). Returns when the slice is used up
  /// or the deflate stream ended (`finished`); decompressed chunks go to `output`.
  func process(
    _ input: UnsafeRawBufferPointer, output: (UnsafeRawBufferPointer) throws -> Void
  ) throws {
    guard !finished else { return }
    stream.pointee.next_in = UnsafeMutablePointer(
      mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
    stream.pointee.avail_in = uInt(input.count)
    defer {
      stream.pointee.next_in = nil
      stream.pointee.avail_in = 0
    }
    while true {
      // One byte of room past the limit lets us detect (and refuse) oversized data.
      let left = limit - produced
      let room = left >= UInt64(capacity) ? capacity : Int(left) + 1
      let inputBefore = stream.pointee.avail_in
      stream.pointee.next_out = buffer.assumingMemoryBound(to: Bytef.self)
      stream.pointee.avail_out = uInt(room)
      let status = inflate(stream, Z_NO_FLUSH)
      switch status {
      case Z_OK, Z_STREAM_END, Z_BUF_ERROR: break
      default:
        let reason = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
        throw ZipError.corrupt(
          entry, "entry \(ZipError.quoted(entry)) has bad deflate data: \(reason)")
      }
      let count = room - Int(stream.pointee.avail_out)
      produced += UInt64(count)
      if produced > limit {
        throw ZipError.make(
          "zip-size-mismatch",
          "entry \(ZipError.quoted(entry)) inflates to more than its declared \(limit) bytes",
          entry: entry, hint: "The archive headers lie about sizes; do not trust this archive.")
      }
      if count > 0 { try output(UnsafeRawBufferPointer(start: buffer, count: count)) }
      if status == Z_STREAM_END {
        finished = true
        return
      }
      if stream.pointee.avail_in == 0 && stream.pointee.avail_out != 0 { return }
      if count == 0 && stream.pointee.avail_in == inputBefore {
        throw ZipError.corrupt(entry, "entry \(ZipError.quoted(entry)): inflate made no progress")
      }
    }
  }
}

/// Inflate streams kept for the next entry: an archive's entries are mostly small (flow
/// JSON, env var XML), and `inflateInit2` with its window allocation for each one cost
/// more than inflating it. `inflateReset` keeps the window and clears all other state, so
/// a stream taken from here starts as a new one does, whatever its last entry did.
final class StreamPool: Sendable {
  static let shared = StreamPool()
  private let idle = IdlePool<UnsafeMutablePointer<z_stream>>()

  func take(entry: String) throws -> UnsafeMutablePointer<z_stream> {
    if let reused = idle.take() { return reused }
    let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    let status = inflateInit2_(
      stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else {
      stream.deinitialize(count: 1)
      stream.deallocate()
      throw ZipError.corrupt(entry, "cannot start inflate (zlib error \(status))")
    }
    return stream
  }

  deinit {
    for stream in idle.drain() { Self.free(stream) }
  }

  /// Takes back a stream from `take`, in whatever state its entry left it.
  func give(_ stream: UnsafeMutablePointer<z_stream>) {
    if inflateReset(stream) == Z_OK, idle.give(stream) { return }
    Self.free(stream)
  }

  private static func free(_ stream: UnsafeMutablePointer<z_stream>) {
    inflateEnd(stream)
    stream.deinitialize(count: 1)
    stream.deallocate()
  }

  /// How many streams wait to be reused (for tests).
  var idleCount: Int { idle.idleCount }
}

/// One-shot raw inflate, for callers outside the zip layer.
public enum Inflate {
  /// Inflates raw deflate `data`; throws `zip-size-mismatch` unless the result is exactly
  /// `expectedSize` bytes, `zip-corrupt` on bad or incomplete data.
  public static func decompress(_ data: Data, expectedSize: Int) throws -> Data {
    try decompress(data, expectedSize: expectedSize, streams: .shared)
  }

  /// `streams` is the pool a test owns (see `XMLReader.parse(_:entry:readers:)`).
  static func decompress(_ data: Data, expectedSize: Int, streams: StreamPool) throws -> Data {
    let label = "deflate data"
    let inflater = try Inflater(
      limit: UInt64(max(0, expectedSize)), entry: label, streams: streams)
    var result = Data()
    result.reserveCapacity(max(0, expectedSize))
    try data.withUnsafeBytes { input in
      var offset = 0
      repeat {
        let length = min(1 << 30, input.count - offset)
        try inflater.process(UnsafeRawBufferPointer(rebasing: input[offset..<offset + length])) {
          result.append(contentsOf: $0)
        }
        offset += length
      } while offset < input.count && !inflater.finished
    }
    guard inflater.finished else {
      throw ZipError.corrupt(label, "deflate data ends before the end of the stream")
    }
    guard result.count == expectedSize else {
      throw ZipError.make(
        "zip-size-mismatch",
        "deflate data inflates to \(result.count) bytes, expected \(expectedSize)",
        entry: nil, hint: "The declared size is wrong; do not trust this data.")
    }
    return result
  }
}
