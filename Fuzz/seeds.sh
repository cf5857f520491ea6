#!/usr/bin/env bash
# Builds the seed corpora in Fuzz/.corpus/<target>/ (kept out of git) from the samples
# and, when present, ../shared/corpus: every solution zip for zip and solution, every
# XML file for xml. Needs zip(1) to pack the sample trees' extracted form.
set -euo pipefail
cd "$(dirname "$0")/.."
root=Fuzz/.corpus
shared=../shared/corpus
rm -rf "$root/seed-zip" "$root/seed-xml" "$root/seed-solution" "$root/seed-flowjson"
mkdir -p "$root/seed-zip" "$root/seed-xml" "$root/seed-solution" "$root/seed-flowjson"
# The samples, packed by solpack itself (the build is the package's, not the fuzzers').
scratch=${SOLPACK_SCRATCH:-.build}
swift build --scratch-path "$scratch" -q --product solpack
for sample in samples/*/; do
  name=$(basename "$sample")
  "$scratch"/debug/solpack pack "$sample" "$root/seed-zip/sample-$name.zip" >/dev/null
  cp "$root/seed-zip/sample-$name.zip" "$root/seed-solution/"
done
find samples -path '*/Workflows/*.json' -print0 | while IFS= read -r -d '' file; do
  cp "$file" "$root/seed-flowjson/sample-$(echo "$file" | md5sum | cut -c1-12).json"
done
find samples -name '*.xml' -print0 | while IFS= read -r -d '' file; do
  cp "$file" "$root/seed-xml/sample-$(echo "$file" | md5sum | cut -c1-12).xml"
done
if [ -d "$shared" ]; then
  # Small files only (64 KiB, the -max_len of run.sh): big seeds make every execution slow.
  find "$shared" -name '*.zip' -size -64k -print0 | while IFS= read -r -d '' file; do
    seed="corpus-$(echo "$file" | md5sum | cut -c1-12).zip"
    cp "$file" "$root/seed-zip/$seed"
    cp "$file" "$root/seed-solution/$seed"
  done
  find "$shared" -path '*/Workflows/*.json' -size -64k -print0 | while IFS= read -r -d '' file; do
    cp "$file" "$root/seed-flowjson/corpus-$(echo "$file" | md5sum | cut -c1-12).json"
  done
  find "$shared" -name '*.xml' -size -64k -print0 | while IFS= read -r -d '' file; do
    cp "$file" "$root/seed-xml/corpus-$(echo "$file" | md5sum | cut -c1-12).xml"
  done
else
  echo "SKIP ../shared/corpus not found: seeding from samples only"
fi
for target in zip xml solution flowjson; do
  echo "seed-$target: $(ls "$root/seed-$target" | wc -l) files"
done
