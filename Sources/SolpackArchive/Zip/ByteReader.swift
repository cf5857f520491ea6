/// Little-endian reader over a byte buffer that has already been read from the archive.
/// Reading past the end throws, so malformed lengths cannot crash the parser.
struct ByteReader {
  struct OutOfBounds: Error {}

  let bytes: [UInt8]
  private(set) var offset: Int

  init(_ bytes: [UInt8], offset: Int = 0) {
    self.bytes = bytes
    self.offset = offset
  }

  var remaining: Int { bytes.count - offset }

  mutating func u8() throws -> UInt8 {
    guard remaining >= 1 else { throw OutOfBounds() }
    defer { offset += 1 }
    return bytes[offset]
  }

  mutating func u16() throws -> UInt16 {
    guard remaining >= 2 else { throw OutOfBounds() }
    defer { offset += 2 }
    return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
  }

  mutating func u32() throws -> UInt32 {
    guard remaining >= 4 else { throw OutOfBounds() }
    var value: UInt32 = 0
    for index in 0..<4 { value |= UInt32(bytes[offset + index]) << (8 * UInt32(index)) }
    offset += 4
    return value
  }

  mutating func u64() throws -> UInt64 {
    guard remaining >= 8 else { throw OutOfBounds() }
    var value: UInt64 = 0
    for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
    offset += 8
    return value
  }

  mutating func take(_ count: Int) throws -> [UInt8] {
    guard count >= 0, remaining >= count else { throw OutOfBounds() }
    defer { offset += count }
    return Array(bytes[offset..<offset + count])
  }

  mutating func skip(_ count: Int) throws {
    guard count >= 0, remaining >= count else { throw OutOfBounds() }
    offset += count
  }
}
