import SolpackCLI

Solpack.main()
