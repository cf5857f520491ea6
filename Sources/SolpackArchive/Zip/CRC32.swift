import CCRC32
import CSystemZlib
import Foundation

/// CRC-32 (ISO-HDLC, as used by ZIP), computed incrementally: whole 16-byte blocks by
/// carry-less multiplication where the processor has it, the rest by zlib's `crc32`.
public struct CRC32: Sendable, Hashable {
  public private(set) var value: UInt32 = 0

  /// Decided once: the check reads the processor's feature bits.
  static let folds = solpack_crc32_fold_available() != 0

  public init() {}

  public mutating func update(_ buffer: UnsafeRawBufferPointer) {
    guard var base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
    var remaining = buffer.count
    var crc = value
    if remaining >= 64, Self.folds {
      let folded = remaining & ~15
      crc = ~solpack_crc32_fold(~crc, base, folded)
      base += folded
      remaining -= folded
    }
    var zlibCRC = UInt(crc)
    // zlib takes a 32-bit length; feed large buffers in slices.
    while remaining > 0 {
      let length = min(remaining, 1 << 30)
      zlibCRC = CSystemZlib.crc32(zlibCRC, base, uInt(length))
      base += length
      remaining -= length
    }
    value = UInt32(truncatingIfNeeded: zlibCRC)
  }

  public mutating func update(_ data: Data) {
    data.withUnsafeBytes { update($0) }
  }

  public static func checksum(_ data: Data) -> UInt32 {
    var crc = CRC32()
    crc.update(data)
    return crc.value
  }

  public static func checksum(_ buffer: UnsafeRawBufferPointer) -> UInt32 {
    var crc = CRC32()
    crc.update(buffer)
    return crc.value
  }
}
