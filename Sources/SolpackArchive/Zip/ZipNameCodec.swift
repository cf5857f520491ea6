/// Decodes entry names. Flag 0x0800 means UTF-8. Without it the spec says CP437, but many
/// writers store UTF-8 anyway, so valid UTF-8 wins and CP437 is the fallback.
enum ZipNameCodec {
  /// Returns nil when the name claims UTF-8 (flag 0x0800) but is not valid UTF-8.
  static func decode(_ bytes: [UInt8], flags: UInt16) -> String? {
    if bytes.allSatisfy({ $0 < 0x80 }) {
      return String(decoding: bytes, as: UTF8.self)
    }
    // Invalid sequences decode to U+FFFD, so an exact round trip means valid UTF-8.
    let text = String(decoding: bytes, as: UTF8.self)
    if text.utf8.elementsEqual(bytes) { return text }
    if flags & ZipFormat.flagUTF8 != 0 { return nil }
    return decodeCP437(bytes)
  }

  static func decodeCP437(_ bytes: [UInt8]) -> String {
    var text = String.UnicodeScalarView()
    for byte in bytes {
      if byte < 0x80 {
        text.append(Unicode.Scalar(byte))
      } else {
        text.append(cp437High[Int(byte) - 0x80])
      }
    }
    return String(text)
  }

  /// Code page 437, bytes 0x80...0xFF.
  static let cp437High: [Unicode.Scalar] = Array(
    ("ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐"
      + "└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{A0}")
      .unicodeScalars)
}
