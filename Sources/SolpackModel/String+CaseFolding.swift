extension String {
  /// `lowercased()`, without its cost for the ASCII names solutions are made of:
  /// a name already in lower case is returned as it is, and an ASCII one is lowered
  /// byte by byte. Component keys lowercase every name they hold, tens of thousands of
  /// times in a large import. Any other name goes through `lowercased()`.
  public var lowercasedName: String {
    var copy = self
    let ascii: Bool? = copy.withUTF8 { bytes in
      var upper = false
      for byte in bytes {
        if byte >= 0x80 { return nil }
        if byte >= 0x41 && byte <= 0x5A { upper = true }
      }
      return upper
    }
    guard let hasUpper = ascii else { return lowercased() }
    guard hasUpper else { return copy }
    return copy.withUTF8 { bytes in
      String(unsafeUninitializedCapacity: bytes.count) { lowered in
        for (offset, byte) in bytes.enumerated() {
          lowered[offset] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
        }
        return bytes.count
      }
    }
  }

  /// Whether every byte is ASCII: the names that take the byte-wise fast paths. Over
  /// contiguous bytes: `utf8.allSatisfy` went through String's index machinery.
  public var isASCII: Bool {
    var copy = self
    return copy.withUTF8 { bytes in bytes.allSatisfy { $0 < 0x80 } }
  }
}
