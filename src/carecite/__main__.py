from carecite.cli.app import main

main()
