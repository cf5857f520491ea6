import ArgumentParser
import Foundation
import SolpackEnvironment

/// `--env PATH`; else `SOLPACK_ENV`; else `solpack-env.sqlite` in the working folder.
struct EnvironmentOption: ParsableArguments {
  @Option(
    name: .customLong("env"),
    help: "The environment file (SQLite). Default: $SOLPACK_ENV, else ./solpack-env.sqlite.")
  var path: String?

  var store: SQLiteEnvironmentStore {
    SQLiteEnvironmentStore(
      path: SQLiteEnvironmentStore.defaultPath(
        explicit: path, environment: ProcessInfo.processInfo.environment))
  }
}
