#!/usr/bin/env bash
# Builds the libFuzzer targets (Fuzz/Targets/*.swift) with -sanitize=fuzzer,address.
# They are not part of the Swift package: SolpackModel and SolpackArchive are compiled
# here with swiftc directly, instrumented, so `swift test` never sees them.
# Usage: Fuzz/build.sh            → Fuzz/.build/fuzz-zip, fuzz-xml, fuzz-solution, fuzz-flowjson
set -euo pipefail
cd "$(dirname "$0")/.."
out=Fuzz/.build
mkdir -p "$out"
flags=(-sanitize=fuzzer,address -O -g -parse-as-library -swift-version 6)
xml_cflags=()
for flag in $(pkg-config --cflags libxml-2.0); do xml_cflags+=(-Xcc "$flag"); done

swiftc "${flags[@]}" -module-name SolpackModel -wmo -c -emit-module \
  -emit-module-path "$out/SolpackModel.swiftmodule" -o "$out/SolpackModel.o" \
  Sources/SolpackModel/*.swift
swiftc "${flags[@]}" -module-name SolpackArchive -wmo -c -emit-module \
  -emit-module-path "$out/SolpackArchive.swiftmodule" -o "$out/SolpackArchive.o" \
  -I "$out" -I Sources/CSystemZlib -I Sources/CLibXML2 "${xml_cflags[@]}" \
  $(find Sources/SolpackArchive -name '*.swift' | sort)
for target in zip xml solution flowjson; do
  swiftc "${flags[@]}" -module-name "Fuzz_$target" \
    -I "$out" -I Sources/CSystemZlib -I Sources/CLibXML2 "${xml_cflags[@]}" \
    "Fuzz/Targets/$target.swift" "Fuzz/Targets/FuzzFile.swift" \
    "$out/SolpackModel.o" "$out/SolpackArchive.o" -lxml2 -lz \
    -o "$out/fuzz-$target" 2> >(grep -v 'Cannot export local symbol' >&2)
done
echo "built: $(ls "$out"/fuzz-* | tr '\n' ' ')"
