import Foundation
import SolpackModel

extension Unpacker {
  /// Every workflow's metadata file, written while customizations.xml is read a second
  /// time, as each `<Workflow>` closes; the tree keeps only an empty element in its place.
  /// `customizations` is the first reading (for the namespace and line ends). Returns the
  /// bytes written.
  static func writeWorkflowFiles(
    from source: any SolutionSource, like customizations: XMLFile, into root: URL, canonical: Bool
  ) throws -> UInt64 {
    let xsi = UnpackedLayout.xsi(of: customizations)
    let newline = customizations.newline
    let sink = Sink()
    let condense = XMLReader.Condense(path: ["ImportExportXml", "Workflows", "Workflow"]) {
      element in
      sink.run {
        let file = UnpackedLayout.FolderFile(
          path: UnpackedLayout.metadataPath(for: CustomizationsCodec.workflow(element)),
          content: .document(UnpackedLayout.metadataDocument(element, xsi: xsi, newline: newline)))
        return try write(file, from: source, into: root, canonical: canonical)
      }
      return XMLElement(element.name)
    }
    _ = try XMLReader.parse(
      try source.read("customizations.xml"), entry: "customizations.xml", condense: condense)
    return try sink.total()
  }

  /// The bytes the parse callback wrote, and its first error (the callback cannot throw).
  /// Unchecked: the parser calls it on its own thread only, one element after another.
  private final class Sink: @unchecked Sendable {
    private var error: (any Error)?
    private var bytes: UInt64 = 0

    func run(_ body: () throws -> UInt64) {
      guard error == nil else { return }
      do { bytes += try body() } catch { self.error = error }
    }

    func total() throws -> UInt64 {
      if let error { throw error }
      return bytes
    }
  }
}
