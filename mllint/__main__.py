"""``python -m mllint`` and the ``mllint`` command (pyproject.toml's entry point)."""

import gc
import os
import sys
from typing import NoReturn


def main() -> NoReturn:
    # Importing mllint builds ~100,000 objects that all live for the run: collecting during
    # start-up finds nothing and costs 2-3 ms of a 0.09 s run on one file. mllint.cli.main
    # turns the collector back on, with thresholds for the checks.
    gc.disable()
    from mllint.cli import main as cli_main

    try:
        status = cli_main()
    except BrokenPipeError:
        # The reader of the output went away (mllint ... | head -1): what it read stands, the
        # temporary directories are removed, and the status is the one SIGPIPE would give.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        os._exit(128 + 13)
    # The run is over and mllint.cli has removed its temporary directories (they belong to
    # ExitStacks that closed before it returned). Leave without the interpreter's teardown,
    # which frees the index object by object: 80 ms of a 50,000-file tree, a tenth of the run
    # (bench/many_files.py). Output is flushed first, so nothing written is lost; mllint.cli
    # has reported a failing write of its own output already.
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        os._exit(status or 1)
    os._exit(status)

if __name__ == "__main__":
    main()
