import Foundation

/// One item deflated in memory (by a parallel worker), ready to be written in order.
struct CompressedItem {
  var data: Data
  var crc: UInt32
  var size: UInt64

  init(_ item: ZipWriter.Item, level: Int32) throws {
    switch item.source {
    case .data(let input):
      try self.init(input, level: level, path: item.path)
    case .deferred(_, let load):
      try self.init(try load(), level: level, path: item.path)
    case .file(let location, _):
      let input: Data
      do {
        input = try Data(contentsOf: URL(fileURLWithPath: location, isDirectory: false))
      } catch {
        throw ZipError.writeFailed(
          item.path, "cannot read \(location): \(error.localizedDescription)")
      }
      try self.init(input, level: level, path: item.path)
    }
  }

  private init(_ input: Data, level: Int32, path: String) throws {
    // Output chunking does not change the compressed bytes, only the number of calls.
    let capacity = min(max(input.count / 2 + 64, 4 << 10), 256 << 10)
    let deflater = try Deflater(level: level, entry: path, outputCapacity: capacity)
    var output = Data()
    try input.withUnsafeBytes { buffer in
      try deflater.compressAll(buffer) { output.append(contentsOf: $0) }
    }
    data = output
    crc = CRC32.checksum(input)
    size = UInt64(input.count)
  }
}
