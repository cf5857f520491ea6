import Foundation

/// State of one archive being written: the output file and the central-directory records
/// collected so far.
struct ZipWriteSession {
  let output: ZipOutput
  let encoder: ZipRecordEncoder
  let options: ZipWriter.Options
  private var central: [ZipWrittenEntry] = []

  init(output: ZipOutput, encoder: ZipRecordEncoder, options: ZipWriter.Options) {
    self.output = output
    self.encoder = encoder
    self.options = options
  }

  mutating func append(_ item: CompressedItem, name: [UInt8], path: String) throws {
    var entry = newEntry(name: name, path: path, size: item.size)
    entry.crc = item.crc
    entry.compressedSize = UInt64(item.data.count)
    try output.write(encoder.localHeader(entry))
    try item.data.withUnsafeBytes { try output.write($0) }
    central.append(entry)
  }

  /// Deflates a large file in 1 MiB slices straight to the output, then patches the local
  /// header with the CRC and compressed size, so memory does not grow with the file.
  mutating func streamFile(
    _ item: ZipWriter.Item, from location: String, size: UInt64, name: [UInt8]
  ) throws {
    var entry = newEntry(name: name, path: item.path, size: size)
    try output.write(encoder.localHeader(entry))
    let input = try InputFile(path: location, entry: item.path)
    let deflater = try Deflater(level: options.compressionLevel, entry: item.path)
    let chunk = UnsafeMutableRawBufferPointer.allocate(
      byteCount: Deflater.inputChunkSize, alignment: 16)
    defer { chunk.deallocate() }
    var crc = CRC32()
    var total: UInt64 = 0
    var compressed: UInt64 = 0
    let output = self.output
    func emit(_ bytes: UnsafeRawBufferPointer) throws {
      try output.write(bytes)
      compressed += UInt64(bytes.count)
    }
    while true {
      let count = try input.fill(chunk)
      if count == 0 { break }
      let slice = UnsafeRawBufferPointer(rebasing: chunk[0..<count])
      crc.update(slice)
      total += UInt64(count)
      try deflater.process(slice, finish: false, output: emit)
    }
    try deflater.process(UnsafeRawBufferPointer(start: nil, count: 0), finish: true, output: emit)
    guard total == size else {
      throw ZipError.writeFailed(
        item.path, "\(location) changed size while being archived (\(size) → \(total) bytes)")
    }
    entry.crc = crc.value
    entry.compressedSize = compressed
    try output.patch(encoder.localHeader(entry), at: entry.offset)
    central.append(entry)
  }

  /// Central directory, then the end records (ZIP64 ones when anything overflows).
  mutating func finish() throws {
    let start = output.position
    for entry in central { try output.write(encoder.centralHeader(entry)) }
    let size = output.position - start
    let max32 = UInt64(ZipFormat.max32)
    let zip64 =
      options.forceZip64 || central.count >= Int(ZipFormat.max16) || start >= max32
      || size >= max32
    try output.write(
      encoder.endRecords(
        count: central.count, directoryOffset: start, directorySize: size,
        endOffset: output.position, zip64: zip64, allMax: options.forceZip64))
  }

  /// ZIP64 is decided from the uncompressed size alone (before compressing), so streamed
  /// and in-memory entries with the same content get the same header layout.
  private func newEntry(name: [UInt8], path: String, size: UInt64) -> ZipWrittenEntry {
    let max32 = UInt64(ZipFormat.max32)
    let offset = output.position
    return ZipWrittenEntry(
      name: name, flags: path.isASCII ? 0 : ZipFormat.flagUTF8, crc: 0,
      compressedSize: 0, uncompressedSize: size, offset: offset,
      zip64Sizes: options.forceZip64 || ZipFormat.deflateBound(size) >= max32,
      zip64Offset: options.forceZip64 || offset >= max32)
  }
}
