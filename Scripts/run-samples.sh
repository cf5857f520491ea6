#!/usr/bin/env bash
# The main job on samples/: pack both solutions, inspect them, unpack one again, and
# import both into a new environment (out/env.sqlite) in dependency order.
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
echo
# Given in the wrong order on purpose: solpack orders them by what each provides.
"$solpack" import out/InvoiceFlows.zip out/CredentialsCore.zip --env out/env.sqlite
