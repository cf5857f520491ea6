import ArgumentParser

extension Solpack {
  struct Completions: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "completions",
      abstract: "Print a shell completion script for bash, zsh or fish.",
      discussion: """
        Generated from solpack's commands, so it always matches them.

        Examples:
          solpack completions bash > /etc/bash_completion.d/solpack
          solpack completions zsh > "${fpath[1]}/_solpack"
          solpack completions fish > ~/.config/fish/completions/solpack.fish
        """)

    @Argument(help: "bash, zsh or fish.")
    var shell: Shell

    func run() {
      Console.out(Solpack.completionScript(for: shell.completionShell))
    }
  }
}

enum Shell: String, ExpressibleByArgument, CaseIterable {
  case bash, zsh, fish

  var completionShell: CompletionShell {
    switch self {
    case .bash: .bash
    case .zsh: .zsh
    case .fish: .fish
    }
  }
}
