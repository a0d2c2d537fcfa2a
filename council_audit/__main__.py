from council_audit.cli import main

main()
