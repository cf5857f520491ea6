import Foundation
import SolpackModel

public struct ImportOptions: Sendable {
  public var mode: ImportReport.Mode
  public var settings: DeploymentSettings?
  /// Remove components the new version no longer has (unless another solution needs them).
  public var upgrade: Bool
  /// Skip, with a note, a solution whose version is lower than or equal to the installed one.
  public var skipLowerVersion: Bool
  public var now: Date
  /// The user the import acts as: owner of the credentials and env vars it creates,
  /// and the one who must be allowed to use the credentials its flows need.
  public var actor: String
  /// Told as each entry is written into the environment.
  public var progress: ProgressHandler?

  public init(
    mode: ImportReport.Mode = .import, settings: DeploymentSettings? = nil, upgrade: Bool = false,
    skipLowerVersion: Bool = false, now: Date = Date(), actor: String = "solpack",
    progress: ProgressHandler? = nil
  ) {
    self.actor = actor
    self.progress = progress
    self.mode = mode
    self.settings = settings
    self.upgrade = upgrade
    self.skipLowerVersion = skipLowerVersion
    self.now = now
  }
}
