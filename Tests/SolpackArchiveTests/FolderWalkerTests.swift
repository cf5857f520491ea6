import Foundation
import SolpackModel
import SolpackTestSupport
import Testing

@testable import SolpackArchive

@Suite struct FolderWalkerTests {
  @Test func listsRegularFilesSortedWithSizesAndSkipsDotEntries() throws {
    let folder = TestFolder()
    try folder.write([
      "b.txt": "bb", "a/z.json": "{}", "a/b/c.xml": "<x/>", ".gitkeep": "",
      ".git/config": "x", "a/.hidden": "h",
    ])
    let files = try FolderWalker.files(in: folder.url)
    #expect(files.map(\.path) == ["a/b/c.xml", "a/z.json", "b.txt"])
    #expect(files.map(\.size) == [4, 2, 2])
    #expect(try Data(contentsOf: files[2].url) == Data("bb".utf8))
  }

  @Test func refusesASymbolicLinkToAFileOrAFolder() throws {
    for target in ["outside.txt", "outside"] {
      let folder = TestFolder()
      try folder.write([
        "tree/solution.xml": "<x/>", "tree/sub/keep": "k", "outside.txt": "secret",
        "outside/f": "f",
      ])
      try FileManager.default.createSymbolicLink(
        at: folder.path("tree/sub/link"), withDestinationURL: folder.path(target))
      let error = #expect(throws: DiagnosticError.self) {
        try FolderWalker.files(in: folder.path("tree"))
      }
      #expect(error?.diagnostic.id == "pack-symlink-refused")
      #expect(error?.diagnostic.entry == "sub/link")
    }
  }

  @Test func refusesANameThatIsNotUTF8() throws {
    let folder = TestFolder()
    try folder.write(["solution.xml": "<x/>"])
    // Linux names are bytes: 0xFF is never UTF-8.
    let path = Array(folder.url.path.utf8) + Array("/bad-".utf8) + [0xFF, 0]
    let descriptor = path.withUnsafeBufferPointer {
      $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
    }
    try #require(descriptor >= 0)
    close(descriptor)
    let error = #expect(throws: DiagnosticError.self) { try FolderWalker.files(in: folder.url) }
    #expect(error?.diagnostic.id == "pack-name-not-utf8")
  }

  @Test func aFolderThatCannotBeReadIsAReadFailure() throws {
    let folder = TestFolder()
    let error = #expect(throws: DiagnosticError.self) {
      try FolderWalker.files(in: folder.path("missing"))
    }
    #expect(error?.diagnostic.id == "read-failed")
  }
}
