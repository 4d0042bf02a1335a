"""``python -m zhfacts`` runs the command line."""
from zhfacts.cli import main

main()
