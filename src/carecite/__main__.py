from carecite.cli import main

main()
