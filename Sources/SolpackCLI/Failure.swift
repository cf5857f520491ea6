import ArgumentParser
import Foundation
import SolpackModel

/// Runs a command body: a `DiagnosticError` is printed once and becomes exit 1;
/// warnings and notes that came back are printed and the command succeeds unless
/// one of them is an error.
func runReporting(source: String, color: Bool = false, _ body: () throws -> [Diagnostic]) throws {
  let diagnostics: [Diagnostic]
  do {
    diagnostics = try body()
  } catch let error as DiagnosticError {
    Console.report([error.diagnostic], source: source, color: color)
    throw ExitCode.failure
  }
  Console.report(diagnostics, source: source, color: color)
  if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode.failure }
}
