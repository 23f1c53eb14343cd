"""`python -m piriod`: the same as the `piriod` command."""

from piriod.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
