/// One finding about a solution or an archive: what is wrong, where, and how to fix it.
///
/// `id` is stable kebab-case (`missing-dependency`, `zip-path-traversal`) so reports and
/// scripts can key on it; `message` names the archive entry and the component; `hint`
/// says what to do. A diagnostic never carries a secret value.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
  public enum Severity: String, Sendable, Hashable, Codable, Comparable {
    case note, warning, error

    private var rank: Int {
      switch self {
      case .note: 0
      case .warning: 1
      case .error: 2
      }
    }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
  }

  public var severity: Severity
  public var id: String
  public var message: String
  /// Archive entry or file the finding is about (`customizations.xml`, `Workflows/X.json`).
  public var entry: String?
  /// Component the finding is about (`workflow "Process Invoices"`).
  public var component: String?
  public var hint: String?

  public init(
    _ severity: Severity, id: String, message: String, entry: String? = nil,
    component: String? = nil, hint: String? = nil
  ) {
    self.severity = severity
    self.id = id
    self.message = message
    self.entry = entry
    self.component = component
    self.hint = hint
  }

  public static func error(
    _ id: String, _ message: String, entry: String? = nil, component: String? = nil,
    hint: String? = nil
  ) -> Diagnostic {
    Diagnostic(.error, id: id, message: message, entry: entry, component: component, hint: hint)
  }

  public static func warning(
    _ id: String, _ message: String, entry: String? = nil, component: String? = nil,
    hint: String? = nil
  ) -> Diagnostic {
    Diagnostic(.warning, id: id, message: message, entry: entry, component: component, hint: hint)
  }

  public var description: String {
    var text = ""
    if let entry { text += "\(entry): " }
    text += "\(severity.rawValue): [\(id)] \(message)"
    if let hint { text += "\n  hint: \(hint)" }
    return text
  }
}

/// Thrown when work cannot go on; carries the diagnostic that explains why.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
  public var diagnostic: Diagnostic
  public init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
  public var description: String { diagnostic.description }
}
