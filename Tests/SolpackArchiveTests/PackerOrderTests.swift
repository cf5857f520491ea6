import Testing

@testable import SolpackArchive

/// The archive's entry order (docs/format.md): the three leading entries, then the rest
/// by UTF-8 bytes, which is not what `String`'s `<` gives for every name.
@Suite struct PackerOrderTests {
  @Test func leadingEntriesThenBytewise() {
    let paths = [
      "b", "a/b", "aB", "a", "Z", "customizations.xml", "ö", "e\u{301}", "\u{FB01}", "ﬁx",
      "[Content_Types].xml", "solution.xml", "Workflows/a.json", "Workflows/a.json.data.xml",
      "a", "日本", "\u{10000}",
    ]
    let expected = [
      "[Content_Types].xml", "solution.xml", "customizations.xml", "Workflows/a.json",
      "Workflows/a.json.data.xml", "Z", "a", "a/b", "aB", "b", "e\u{301}", "ö", "日本", "\u{FB01}",
      "ﬁx", "\u{10000}",
    ]
    #expect(Packer.order(paths) == expected)
    #expect(
      Packer.order(paths.reversed()).map { Array($0.utf8) }
        == expected.map { Array($0.utf8) })
  }
}
