// swift-tools-version:6.1
import PackageDescription

// Arrows point one way: solpack → SolpackCLI → SolpackReports → SolpackEnvironment /
// SolpackDiff → SolpackArchive → SolpackModel.
// Only SolpackArchive sees zlib and libxml2 (and CCRC32, its checksum).
let package = Package(
  name: "solpack",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "solpack", targets: ["solpack"]),
    .library(name: "SolpackModel", targets: ["SolpackModel"]),
    .library(name: "SolpackArchive", targets: ["SolpackArchive"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CSystemZlib",
      path: "Sources/CSystemZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]
    ),
    .systemLibrary(
      name: "CLibXML2",
      path: "Sources/CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    // CRC-32 by carry-less multiplication where the processor has it (CRC32.swift).
    // DWARF 4: valgrind 3.19 (callgrind, the profiler the benchmarks use) gives up on
    // clang's default DWARF 5 in this one C object.
    .target(name: "CCRC32", cSettings: [.unsafeFlags(["-gdwarf-4"])]),
    .target(name: "SolpackModel"),
    .target(
      name: "SolpackArchive",
      dependencies: ["SolpackModel", "CSystemZlib", "CLibXML2", "CCRC32"]
    ),
    // The environment engine: store, import, check, export. Never prints.
    .target(
      name: "SolpackEnvironment",
      dependencies: [
        "SolpackModel", "SolpackArchive", .product(name: "GRDB", package: "GRDB.swift"),
        // SQLite's C API, for binding rows without GRDB's per-row overhead (Statement+Rows).
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ]
    ),
    // Semantic diff of two solutions. Never prints.
    .target(name: "SolpackDiff", dependencies: ["SolpackModel", "SolpackArchive"]),
    // Reports drawn from values: graph (DOT, Mermaid, SVG), HTML pages, SARIF. No I/O.
    .target(
      name: "SolpackReports",
      dependencies: ["SolpackModel", "SolpackArchive", "SolpackEnvironment", "SolpackDiff"]),
    .target(
      name: "SolpackCLI",
      dependencies: [
        "SolpackModel", "SolpackArchive", "SolpackEnvironment", "SolpackDiff", "SolpackReports",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "solpack", dependencies: ["SolpackCLI"]),
    // Helpers shared by the test targets: temporary folders, counts taken from files.
    .target(
      name: "SolpackTestSupport", dependencies: ["SolpackArchive", "SolpackModel"],
      path: "Tests/SolpackTestSupport"),
    .testTarget(name: "SolpackModelTests", dependencies: ["SolpackModel"]),
    .testTarget(
      name: "SolpackArchiveTests",
      dependencies: ["SolpackArchive", "SolpackModel", "SolpackTestSupport"]),
    .testTarget(
      name: "SolpackEnvironmentTests",
      dependencies: [
        "SolpackEnvironment", "SolpackArchive", "SolpackModel", "SolpackTestSupport",
        .product(name: "GRDB", package: "GRDB.swift"),
      ]
    ),
    .testTarget(
      name: "SolpackDiffTests",
      dependencies: ["SolpackDiff", "SolpackArchive", "SolpackModel", "SolpackTestSupport"]
    ),
    .testTarget(
      name: "SolpackCLITests",
      dependencies: [
        "SolpackCLI", "SolpackArchive", "SolpackDiff", "SolpackEnvironment", "SolpackModel",
        "SolpackReports", "SolpackTestSupport",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        // Crash and concurrency tests read the environment's tables directly.
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      exclude: ["Goldens"]
    ),
  ]
)
