import Foundation
import Testing

@testable import SolpackArchive

/// The folded CRC-32 against a plain table-driven one written here, over every length
/// and alignment that takes a different path through the folding (fewer than 64
/// bytes, one to several 64-byte rounds, 16-byte tails, a ragged end).
@Suite struct CRC32Tests {
  private static let table: [UInt32] = (0..<256).map { byte in
    var crc = UInt32(byte)
    for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    return crc
  }

  private static func reference(_ bytes: ArraySlice<UInt8>, from start: UInt32 = 0) -> UInt32 {
    var crc = ~start
    for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
    return ~crc
  }

  private static let bytes: [UInt8] = {
    var generator = SystemRandomNumberGenerator()
    return (0..<(1 << 20) + 77).map { _ in UInt8.random(in: 0...255, using: &generator) }
  }()

  /// The run-time check agrees with what the kernel reports of the processor, so the
  /// tests below exercise the folding wherever it can run.
  @Test func foldingIsUsedWhereTheProcessorHasIt() throws {
    guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
      let flags = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
    else {
      print("SKIP folding check: no /proc/cpuinfo flags on this system")
      return
    }
    let features = Set(flags.split(separator: " ").map(String.init))
    #expect(CRC32.folds == (features.contains("pclmulqdq") && features.contains("sse4_1")))
    if !CRC32.folds { print("SKIP folding: this processor has no carry-less multiply") }
  }

  @Test func everyShortLengthAndAlignmentMatches() {
    for offset in 0..<16 {
      for length in 0...400 {
        let slice = Self.bytes[offset..<offset + length]
        let folded = slice.withUnsafeBytes { CRC32.checksum($0) }
        #expect(folded == Self.reference(slice), "offset \(offset), length \(length)")
      }
    }
  }

  @Test func largeBuffersAndIncrementalUpdatesMatch() {
    let whole = Self.bytes[...]
    let expected = Self.reference(whole)
    #expect(whole.withUnsafeBytes { CRC32.checksum($0) } == expected)
    // Pieces of awkward sizes carry the register across calls.
    let sizes = [1, 63, 64, 65, 127, 4096, 100_003, 17]
    var crc = CRC32()
    var start = 0
    var step = 0
    while start < whole.count {
      let end = min(start + sizes[step % sizes.count], whole.count)
      whole[start..<end].withUnsafeBytes { crc.update($0) }
      start = end
      step += 1
    }
    #expect(crc.value == expected)
  }
}
