import SolpackModel

/// Why a flow's JSON was refused, with the byte where it went wrong. Each kind has its
/// own diagnostic id, so hostile input (a nesting bomb, a key given twice to hide a
/// reference, a number no parser agrees on) is named for what it is.
public struct FlowJSONProblem: Error, Sendable, Equatable {
  public enum Kind: String, Sendable, CaseIterable {
    case invalid = "flow-json-invalid"
    case invalidUTF8 = "flow-json-invalid-utf8"
    case tooDeep = "flow-json-too-deep"
    case duplicateKey = "flow-json-duplicate-key"
    case numberOutOfRange = "flow-json-number-out-of-range"
    case notObject = "flow-json-not-object"
  }

  public var kind: Kind
  /// Byte offset in the file, from 0.
  public var offset: Int
  /// What was found, without the file's content beyond a key name.
  public var detail: String

  public init(_ kind: Kind, at offset: Int, _ detail: String) {
    self.kind = kind
    self.offset = offset
    self.detail = detail
  }

  /// The diagnostic `SolutionReader` reports for a flow file with this problem.
  public func diagnostic(path: String, flow: String) -> Diagnostic {
    let what: String
    let hint: String
    switch kind {
    case .invalid:
      what = "is not valid JSON"
      hint = "Fix the JSON, or export the flow again."
    case .invalidUTF8:
      what = "is not valid UTF-8"
      hint = "Save the file as UTF-8, or export the flow again."
    case .tooDeep:
      what = "nests objects and arrays deeper than \(FlowJSONScanner.maxDepth) levels"
      hint = "Flatten the definition; Power Automate does not produce such nesting."
    case .duplicateKey:
      what = "gives the same key twice in one object"
      hint = "Remove one of the two; parsers disagree on which one wins."
    case .numberOutOfRange:
      what = "holds a number too large for a 64-bit floating point value"
      hint = "Write the value as a string, or fix the number."
    case .notObject:
      what = "is not a JSON object at its top level"
      hint = "A flow definition is one JSON object; export the flow again."
    }
    // Dataverse cannot import a flow whose definition it cannot read: an error.
    return .error(
      kind.rawValue,
      "\(path) \(what) (byte \(offset): \(detail)); what the flow uses is unknown",
      entry: path, component: "workflow \"\(flow)\"", hint: hint)
  }
}
