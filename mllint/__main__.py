"""``python -m mllint`` and the ``mllint`` command (pyproject.toml's entry point)."""

import gc
import sys


def main() -> int:
    # Importing mllint builds ~100,000 objects that all live for the run: collecting during
    # start-up finds nothing and costs 2-3 ms of a 0.09 s run on one file. mllint.cli.main
    # turns the collector back on, with thresholds for the checks.
    gc.disable()
    from mllint.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
