import ArgumentParser
import Foundation
import SolpackEnvironment

/// `--as USER`; else `SOLPACK_USER`; else the login name. The environment records
/// owners and shares under this name.
struct IdentityOption: ParsableArguments {
  @Option(
    name: .customLong("as"),
    help: "Act as this user. Default: $SOLPACK_USER, else the login name.")
  var user: String?

  var name: String {
    Identity.resolve(
      explicit: user, environment: ProcessInfo.processInfo.environment,
      loginName: ProcessInfo.processInfo.userName)
  }
}
