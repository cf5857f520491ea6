import SolpackModel

extension Diagnostic {
  /// One diagnostic as a list item: severity, id, message, where, hint.
  var html: String {
    var where_: [String] = []
    if let entry { where_.append("entry <code>\(Markup.escape(entry))</code>") }
    if let component { where_.append("component \(Markup.escape(component))") }
    var text =
      "<li class=\"diagnostic \(severity.rawValue)\" data-id=\"\(Markup.escape(id))\"><span class=\"severity\">\(severity.rawValue)</span><code class=\"diagnostic-id\">\(Markup.escape(id))</code> \(Markup.escape(message))"
    if !where_.isEmpty { text += "<div class=\"where\">\(where_.joined(separator: ", "))</div>" }
    if let hint { text += "<p class=\"hint\">Hint: \(Markup.escape(hint))</p>" }
    return text + "</li>"
  }

  static func htmlList(_ diagnostics: [Diagnostic]) -> String {
    "<ul class=\"diagnostics\">" + diagnostics.map(\.html).joined() + "</ul>"
  }
}
