#!/usr/bin/env bash
# The main job on samples/: pack both solutions, inspect them, unpack one again.
# Writes into out/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -q
solpack=.build/debug/solpack
rm -rf out && mkdir out
for sample in CredentialsCore InvoiceFlows; do
  "$solpack" pack "samples/$sample" "out/$sample.zip"
done
for sample in CredentialsCore InvoiceFlows; do
  echo
  "$solpack" inspect "out/$sample.zip"
done
echo
"$solpack" unpack out/InvoiceFlows.zip out/InvoiceFlows
