import ArgumentParser
import Foundation
import SolpackEnvironment

/// `--env PATH`; else `SOLPACK_ENV`; else `solpack-env.sqlite` in the working folder.
struct EnvironmentOption: ParsableArguments {
  @Option(
    name: .customLong("env"),
    help: "The environment file (SQLite). Default: $SOLPACK_ENV, else ./solpack-env.sqlite.")
  var path: String?

  @OptionGroup var wait: WaitOption

  var store: SQLiteEnvironmentStore {
    let location = SQLiteEnvironmentStore.defaultPath(
      explicit: path, environment: ProcessInfo.processInfo.environment)
    return SQLiteEnvironmentStore(path: location, waiting: wait.waiting(for: location))
  }
}
