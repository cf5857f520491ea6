import SolpackArchive

/// Escaping for text placed in HTML and SVG: every report value (names, messages) goes
/// through it, so a component named `<script>` shows as text. The XML writer's attribute
/// escaping serves both content and attributes, and replaces the control characters XML
/// cannot hold, so the pages stay well-formed XML as well as HTML.
enum Markup {
  static func escape(_ text: String) -> String { XMLWriter.escapeAttribute(text) }
}
