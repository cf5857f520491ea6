import Foundation
import SolpackModel
import Testing

@testable import SolpackArchive

/// Interoperability with Info-ZIP's /usr/bin/zip and /usr/bin/unzip (skipped when absent).
@Suite struct ZipInteropTests {
  static func require(_ name: String, _ test: String) -> URL? {
    let url = ZipFixtures.tool(name)
    if url == nil { print("SKIP \(test): /usr/bin/\(name) not found") }
    return url
  }

  @Test func unzipAcceptsOurArchives() throws {
    guard let unzip = Self.require("unzip", "unzipAcceptsOurArchives") else { return }
    try ZipFixtures.withTemporaryDirectory { folder in
      let items = try ZipWriterTests.sampleItems(in: folder)
      let url = folder.appendingPathComponent("ours.zip")
      try ZipWriter.write(items, to: url, options: ZipWriterTests.options())
      let test = try ZipFixtures.run(unzip, ["-t", url.path])
      #expect(test.status == 0, "\(test.output)")
      let out = folder.appendingPathComponent("extracted")
      let extract = try ZipFixtures.run(unzip, ["-q", url.path, "-d", out.path])
      #expect(extract.status == 0, "\(extract.output)")
      // UnZip 6.00 applies its CP437 translation to names from an MS-DOS host even when flag
      // 0x0800 says UTF-8 (it garbles Dataverse exports the same way), so only ASCII names
      // are compared here; `pythonReadsOurNames` checks the UTF-8 one.
      for item in items where item.path.utf8.allSatisfy({ $0 < 0x80 }) {
        let extracted = try Data(contentsOf: out.appendingPathComponent(item.path))
        #expect(extracted == (try ZipWriterTests.content(of: item)), "\(item.path)")
      }
    }
  }

  @Test func pythonReadsOurNames() throws {
    guard let python = Self.require("python3", "pythonReadsOurNames") else { return }
    try ZipFixtures.withTemporaryDirectory { folder in
      let items = try ZipWriterTests.sampleItems(in: folder)
      let url = folder.appendingPathComponent("ours.zip")
      try ZipWriter.write(items, to: url, options: ZipWriterTests.options())
      let script = """
        import sys, zipfile
        z = zipfile.ZipFile(sys.argv[1])
        assert z.testzip() is None
        sys.stdout.buffer.write("\\n".join(z.namelist()).encode("utf-8"))
        """
      let result = try ZipFixtures.run(python, ["-c", script, url.path])
      #expect(result.status == 0, "\(result.output)")
      #expect(result.output.split(separator: "\n").map(String.init) == items.map(\.path))
    }
  }

  @Test func readsArchivesMadeByZip() throws {
    guard let zipTool = Self.require("zip", "readsArchivesMadeByZip") else { return }
    try ZipFixtures.withTemporaryDirectory { folder in
      let tree = folder.appendingPathComponent("tree")
      let files: [String: Data] = [
        "solution.xml": ZipFixtures.text(lines: 300),
        "Workflows/a.json": Data("{}".utf8),
        "Workflows/nested/b.bin": ZipFixtures.randomData(count: 300_000),
        "empty.txt": Data(),
      ]
      for (path, data) in files {
        let url = tree.appendingPathComponent(path)
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
      }
      try FileManager.default.createDirectory(
        at: tree.appendingPathComponent("EmptyFolder"), withIntermediateDirectories: true)
      for (label, flags) in [("deflated", ["-r", "-q"]), ("stored", ["-r", "-q", "-0"])] {
        let url = folder.appendingPathComponent("\(label).zip")
        let result = try ZipFixtures.run(zipTool, flags + [url.path, "."], in: tree)
        #expect(result.status == 0, "\(result.output)")
        let reader = try ZipReader(url: url)
        var found: [String: Data] = [:]
        for entry in reader.entries where !entry.isDirectory {
          found[entry.path] = try reader.read(entry)
          if label == "stored" { #expect(entry.method == 0) }
        }
        #expect(found == files, "\(label)")
        let directories = Set(reader.entries.filter(\.isDirectory).map(\.path))
        #expect(directories.isSuperset(of: ["Workflows/", "Workflows/nested/", "EmptyFolder/"]))
      }
    }
  }

  @Test func readsZipStreamingOutputWithDataDescriptors() throws {
    guard let zipTool = Self.require("zip", "readsZipStreamingOutputWithDataDescriptors") else {
      return
    }
    try ZipFixtures.withTemporaryDirectory { folder in
      // Writing to a pipe, zip cannot seek back: it uses data descriptors (flag bit 3).
      let input = folder.appendingPathComponent("in.txt")
      try ZipFixtures.text(lines: 5000).write(to: input)
      let url = folder.appendingPathComponent("piped.zip")
      let script = "'\(zipTool.path)' -q - in.txt | cat > '\(url.path)'"
      let result = try ZipFixtures.run(URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: folder)
      #expect(result.status == 0, "\(result.output)")
      let reader = try ZipReader(url: url)
      let entry = try #require(reader.entry(named: "in.txt"))
      #expect(entry.flags & 0x0008 != 0)
      #expect(try reader.read(entry) == ZipFixtures.text(lines: 5000))
    }
  }
}
