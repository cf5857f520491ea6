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
  /// Told as each entry is written into the environment.
  public var progress: ProgressHandler?

  public init(
    mode: ImportReport.Mode = .import, settings: DeploymentSettings? = nil, upgrade: Bool = false,
    skipLowerVersion: Bool = false, now: Date = Date(), progress: ProgressHandler? = nil
  ) {
    self.progress = progress
    self.mode = mode
    self.settings = settings
    self.upgrade = upgrade
    self.skipLowerVersion = skipLowerVersion
    self.now = now
  }
}
