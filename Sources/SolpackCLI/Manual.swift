import ArgumentParser
import Foundation

extension Solpack {
  struct Manual: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "man",
      abstract: "Print solpack's man page (roff), generated from its commands.",
      discussion: """
        Every command, its arguments and options, and its examples, from the same
        definitions --help prints, so the page always matches the binary.

        Examples:
          solpack man > /usr/local/share/man/man1/solpack.1
          solpack man | man -l -
        """)

    func run() throws {
      Console.out(try ManualPage.render(Solpack.self))
    }
  }
}

/// Turns ArgumentParser's description of the command tree (its `--experimental-dump-help`
/// JSON) into a man(7) page.
enum ManualPage {
  /// The part of ArgumentParser's ToolInfo (serialization version 0) the page needs.
  struct ToolInfo: Decodable {
    var command: Command
  }

  struct Command: Decodable {
    var commandName: String
    var abstract: String?
    var discussion: String?
    var shouldDisplay: Bool?
    var arguments: [Argument]?
    var subcommands: [Command]?
  }

  struct Argument: Decodable {
    struct Name: Decodable {
      var kind: String
      var name: String
    }
    var kind: String
    var names: [Name]?
    var valueName: String?
    var abstract: String?
    var defaultValue: String?
    var isOptional: Bool?
    var isRepeating: Bool?
    var shouldDisplay: Bool?
  }

  static func render(_ root: any ParsableCommand.Type) throws -> String {
    let info = try JSONDecoder().decode(ToolInfo.self, from: Data(root._dumpHelp().utf8))
    let tool = info.command
    let version = root.configuration.version
    var lines = [
      ".TH \(tool.commandName.uppercased()) 1 \"\" \"\(tool.commandName) \(version)\" \"User Commands\"",
      ".SH NAME",
      "\(tool.commandName) \\- \(escape(tool.abstract ?? ""))",
      ".SH SYNOPSIS",
      ".B \(tool.commandName)",
      "\\fIcommand\\fR [\\fIoptions\\fR]",
    ]
    if let discussion = tool.discussion {
      lines += [".SH DESCRIPTION"] + paragraph(discussion)
    }
    lines.append(".SH COMMANDS")
    // `help` is ArgumentParser's own; every other command comes from the tree.
    for command in tool.subcommands ?? []
    where command.shouldDisplay ?? true && command.commandName != "help" {
      lines += section(command, path: [tool.commandName])
    }
    lines += [
      ".SH EXIT STATUS",
      "0 success, 1 refused or failed, 64 usage error.",
      ".SH ENVIRONMENT",
      ".TP",
      ".B SOLPACK_ENV",
      "The environment file when --env is not given.",
      ".TP",
      ".B NO_COLOR",
      "Set and not empty: no colour with --color auto.",
      ".TP",
      ".B SOURCE_DATE_EPOCH",
      "The timestamp of every entry pack writes.",
    ]
    return lines.joined(separator: "\n")
  }

  private static func section(_ command: Command, path: [String]) -> [String] {
    let name = (path + [command.commandName]).joined(separator: " ")
    var lines = [".SS \"\(escape(name))\""]
    if let abstract = command.abstract { lines.append(escape(abstract)) }
    if let discussion = command.discussion { lines += paragraph(discussion) }
    for argument in command.arguments ?? [] where argument.shouldDisplay ?? true {
      lines.append(".TP")
      lines.append(heading(argument))
      var text = argument.abstract ?? ""
      if let value = argument.defaultValue { text += " (default: \(value))" }
      lines.append(escape(text))
    }
    for sub in command.subcommands ?? [] where sub.shouldDisplay ?? true {
      lines += section(sub, path: path + [command.commandName])
    }
    return lines
  }

  private static func heading(_ argument: Argument) -> String {
    let value = argument.valueName.map { "\\fI<\(escape($0))>\\fR" } ?? ""
    guard argument.kind != "positional" else { return value }
    let names = (argument.names ?? []).map { name -> String in
      let dashes = name.kind == "long" ? "\\-\\-" : "\\-"
      return "\\fB\(dashes)\(escape(name.name))\\fR"
    }
    return names.joined(separator: ", ") + (argument.kind == "option" ? " " + value : "")
  }

  /// Discussion text as lines; indented lines (examples) are kept as they are written.
  private static func paragraph(_ text: String) -> [String] {
    var lines = [".PP"]
    var literal = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let indented = line.hasPrefix(" ")
      if indented != literal {
        lines.append(indented ? ".nf" : ".fi")
        literal = indented
      }
      lines.append(line.isEmpty ? ".PP" : escape(String(line)))
    }
    if literal { lines.append(".fi") }
    return lines
  }

  /// Backslashes as `\e`, hyphens as `\-` (so options copy as typed), anything not ASCII
  /// as `\[uXXXX]` (troff reads bytes); a line starting with `.` or `'` would be a request.
  static func escape(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": result += "\\e"
      case "-": result += "\\-"
      case _ where scalar.value > 127: result += "\\[u" + String(format: "%04X", scalar.value) + "]"
      default: result.unicodeScalars.append(scalar)
      }
    }
    if result.hasPrefix(".") || result.hasPrefix("'") { result = "\\&" + result }
    return result
  }
}
