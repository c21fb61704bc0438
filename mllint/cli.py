"""The ``mllint`` command: lintian's options, defaults and exit codes (lintian-compat.md §2).

Exit status: 0 when no hint of an enabled tag matches ``--fail-on``, displayed or not (lintian's
Pool.pm sets the status before display filtering); 2 when one does; 1 for any error (bad option,
unreadable input or output, a failing check). Never a traceback, never another status.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import gc
import importlib
import os
import signal
import sys
from contextlib import ExitStack, nullcontext
from pathlib import Path

from mllint import __version__
from mllint.display import (DisplayLevel, UsageError, Visibility, counts_as, parse_fail_on)
from mllint.engine import Options, run_group
from mllint.loader import CheckLoadError, check_names
from mllint.output import Run
from mllint.processable import Group, InputError, open_input
from mllint.profiles import ProfileError, load_profile
from mllint.tags import ENGINE_CHECK, TagError, TagSet, load_tags
from mllint.upstream import SOURCE_NAME

WRITERS = ("ewi", "universal", "json")  # modules of mllint.output, imported when chosen
# Lintian options mllint does not implement yet: refused, never silently ignored.
NOT_IMPLEMENTED = ("-F", "--ftp-master-rejects",
                   "--include-dir", "--cfg", "--packages-from-file", "--hyperlinks",
                   "--display-source", "--debug", "-d")


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would exit 2; lintian's usage errors are ours: 1
        raise UsageError(message)


def help_formatter(prog: str) -> argparse.HelpFormatter:
    """argparse's formatter at the width shutil.get_terminal_size would give (COLUMNS, else
    the terminal on stdout, else 80), found without shutil: argparse makes a formatter for
    every option it adds, and its default width imports shutil, and with it bz2 and lzma, ~2 ms
    of every run for help that is rarely printed."""
    try:
        columns = int(os.environ.get("COLUMNS", 0))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            stdout = sys.__stdout__.fileno()  # type: ignore[union-attr]
            columns = os.get_terminal_size(stdout).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return argparse.HelpFormatter(prog, width=(columns or 80) - 2)


def build_parser() -> Parser:
    p = Parser(prog="mllint", allow_abbrev=False, add_help=True, formatter_class=help_formatter,
               description="Check Debian packages for machine-learning models and their sources.")
    p.add_argument("inputs", nargs="*", metavar="PACKAGE",
                   help=".dsc, .deb, .udeb, .changes, an unpacked tree, an upstream tree or an "
                        "upstream .tar.*/.zip")
    a = p.add_argument
    # One line each, in lintian's terms (its --help and manual page); defaults as lintian's.
    a("-i", "--info", action="store_true", help="explain each tag after its first hint")
    a("--no-info", dest="info", action="store_false", help="do not explain tags (undoes -i)")
    a("-I", "--display-info", action="store_true",
      help='also display info hints "I:" (same as -L +>=info)')
    a("--pedantic", action="store_true",
      help='also display pedantic hints "P:" (same as -L +=pedantic)')
    a("-E", "--display-experimental", action="store_true",
      help='display experimental hints "X:" (hidden by default)')
    a("--no-display-experimental", dest="display_experimental", action="store_false",
      help='hide experimental hints "X:" (the default)')
    a("-L", "--display-level", action="append", default=[], metavar="SPEC",
      help="display hints of the given level: [=+-][<,<=,=,>=,>]SEVERITY, e.g. '+>=info'")
    a("--default-display-level", action="store_true",
      help="reset the display level to the default: errors and warnings")
    a("-T", "--tags", action="append", default=[], metavar="TAGS",
      help="run only these tags (comma-separated), displayed whatever their level")
    a("--tags-from-file", action="append", default=[], metavar="FILE",
      help="like --tags, with the tags listed in FILE (# starts a comment line)")
    a("--suppress-tags", action="append", default=[], metavar="TAGS",
      help="do not report these tags (comma-separated)")
    a("--suppress-tags-from-file", action="append", default=[], metavar="FILE",
      help="like --suppress-tags, with the tags listed in FILE")
    a("-C", "--check-part", action="append", default=[], metavar="CHECKS",
      help="run only these checks (comma-separated; mllint-explain-tags shows each tag's)")
    a("-X", "--dont-check-part", action="append", default=[], metavar="CHECKS",
      help="run all checks but these")
    a("--fail-on", action="append", default=[], metavar="LIST",
      help="what makes the exit status 2: error,warning,info,pedantic,experimental,override "
           "or none (default: error)")
    a("--show-overrides", action="store_true",
      help='also display overridden hints as "O:", with their justification')
    a("--no-show-overrides", dest="show_overrides", action="store_false",
      help="do not display overridden hints (the default)")
    a("-o", "--no-override", action="store_true", help="ignore all overrides")
    a("--color", default="auto", choices=("auto", "always", "never"),
      help="colour the tags: auto (on a terminal, unless NO_COLOR is set), always or never")
    a("--profile", default="debian",
      help="severities of the profile: debian (default), ml-policy or osaid")
    a("-j", "--jobs", type=int, default=None, metavar="N",
      help="check up to N inputs in parallel; with one input of 2,000 files or more, read its "
           "models in up to N processes (default: number of CPUs + 1)")
    a("-v", "--verbose", action="store_true",
      help="say which group is being checked, and display every hint of a tag")
    a("-q", "--quiet", action="store_true", help="suppress informational messages (undoes -v)")
    a("--print-version", action="store_true", help="print the bare version number and exit")
    a("-V", "--version", action="store_true", help='print "mllint v<version>" and exit')
    a("--list-tags", action="store_true", help="print the enabled tags and exit")
    a("--exp-output", action="append", default=[], metavar="format=F",
      help="output format F: ewi (default, lintian's), universal or json")
    a("--output-format", action="append", default=[], metavar="F",
      help="same as --exp-output format=F")
    a("--output-width", type=int, default=None, metavar="N",
      help="wrap override justifications at N columns (default: the terminal's, or 80)")
    a("--tag-display-limit", type=int, default=None, metavar="N",
      help="display at most N hints of a tag per package, 0 for all "
           "(default: 4 on a terminal unless -v, else 0)")
    a("--no-tag-display-limit", dest="tag_display_limit", action="store_const", const=0,
      help="same as --tag-display-limit 0")
    a("--model-size-limit", type=float, default=None, metavar="MIB",
      help="size above which oversized-ml-model is reported: the model file plus the "
           "weight files it owns (default: 100 MiB)")
    a("--package", metavar="NAME", default=None,
      help="source name for upstream trees and archives (default: from the directory or file "
           "name, e.g. foo-1.2 -> foo)")
    a("--emit-ml-models", action="store_true",
      help="print a draft debian/ml-models for each source package instead of checking")
    a("--no-cfg", action="store_true",
      help="accepted as lintian's; mllint reads no configuration file")
    a("--allow-root", action="store_true",
      help="accepted as lintian's; mllint does not warn when run as root")
    return p


def _tag_list(values: list[str], files: list[str]) -> list[str] | None:
    if not values and not files:
        return None
    names = [t.strip() for v in values for t in v.split(",") if t.strip()]
    for name in files:
        try:
            text = Path(name).read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"Cannot read {name}: {exc.strerror}") from exc
        for line in text.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                names += [t.strip() for t in line.split(",") if t.strip()]
    return names


def _resolve_tags(names: list[str], tags: TagSet) -> set[str]:
    out = set()
    for name in names:
        current = tags.resolve(name)
        if current is None:
            raise UsageError(f"Unknown tag {name}.")
        out.add(current)
    return out


def _output_format(args: argparse.Namespace, argv: list[str]) -> str:
    # The last of --exp-output format=F / --output-format F on the command line wins.
    chosen = "ewi"
    exp, out = list(args.exp_output), list(args.output_format)
    for word in argv:
        if word.startswith("--exp-output") and exp:
            value = exp.pop(0)
            key, _, fmt = value.partition("=")
            if key != "format" or not fmt:
                raise UsageError(f"Invalid --exp-output argument {value}")
            chosen = fmt
        elif word.startswith("--output-format") and out:
            chosen = out.pop(0)
    chosen = chosen.lower()
    if chosen not in WRITERS:
        raise UsageError(f"Unknown output format {chosen}")
    return chosen


def _level(args: argparse.Namespace, tags_only: bool) -> DisplayLevel:
    level = DisplayLevel()
    if tags_only:
        level.apply("+>=pedantic")
        level.apply("+=classification")
        return level
    if args.default_display_level:
        level.apply("=>=warning")
    if args.display_info:
        level.apply("+>=info")
    if args.pedantic:
        level.apply("+=pedantic")
    for spec in args.display_level:
        level.apply(spec)
    return level


def _use_color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never":
        return False
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _emit_ml_models(group: Group) -> int:
    """``--emit-ml-models``: the draft declaration of the group's source package on stdout;
    exit status 1 when the group has no source package to draft it for."""
    if group.source is None:
        print(f"mllint: {group.id}: no source package to draft debian/ml-models for",
              file=sys.stderr)
        return 1
    from mllint.draft import draft_declaration  # only this mode needs it (0.15 s of imports)

    sys.stdout.write(draft_declaration(group.source))
    return 0


def _open(given: str, stack: ExitStack, package: str | None) -> tuple[list[Group], list[str]]:
    """Open one input; (groups, stderr lines). Errors become ``Skipping`` lines (exit 1)."""
    try:
        return open_input(given, stack, package), []
    except InputError as exc:
        return [], [f"Skipping {given}: {exc}"]
    except ValueError as exc:
        return [], [f"mllint: {exc}"]
    except Exception as exc:  # noqa: BLE001 - a library failing on a hostile input file
        return [], [f"Skipping {given}: {type(exc).__name__}: {exc}"]


def _report(messages: list[str]) -> int:
    for message in messages:
        print(message, file=sys.stderr)
    return 1 if messages else 0


def _check_input(given: str, *, package: str | None, tags: TagSet, options: Options,
                 verbose: bool, stack: ExitStack | None = None,
                 ) -> tuple[list[Group], list[str], list[str]]:
    """Open and check one input: (groups with their hints, stderr lines, check errors).

    Without ``stack`` (in a worker process) temporary trees are removed before returning and
    the groups are stripped of their indexes, which do not cross process boundaries."""
    own = stack is None
    with ExitStack() if own else nullcontext(stack) as scope:
        groups, messages = _open(given, scope, package)
        errors_before = len(options.errors)
        for group in groups:
            if verbose:
                print(f"N: Processing group {group.id} ...", file=sys.stderr)
            run_group(group, tags, options)
        errors = options.errors[errors_before:]
        del options.errors[errors_before:]
        if own:
            for group in groups:
                for p in group.processables:
                    p.patched = p.installed = p.control = None
                    # python-debian's paragraphs hold weak references and do not pickle
                    p.fields = {str(k): str(v) for k, v in p.fields.items()}  # type: ignore
                    p.binaries = []
        return groups, messages, errors


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _exit_worker(signum: int, frame: object) -> None:
    raise SystemExit(1)


def _checks(args: argparse.Namespace) -> set[str] | None:
    """The checks ``-C``/``-X`` select, or ``None`` for all. Raises :class:`UsageError` for a
    name that is no check (lintian: "Unrecognized check script")."""
    def names(values: list[str]) -> set[str]:
        chosen = {n.strip() for value in values for n in value.split(",") if n.strip()}
        unknown = chosen - set(check_names())
        if unknown:
            raise UsageError(f"Unrecognized check: {', '.join(sorted(unknown))} "
                             f"(known: {', '.join(check_names())})")
        return chosen

    if not args.check_part and not args.dont_check_part:
        return None
    selected = names(args.check_part) if args.check_part else set(check_names())
    return selected - names(args.dont_check_part)


def _terminal_width() -> int:
    import shutil  # only on a terminal: 2 ms of start-up otherwise

    return shutil.get_terminal_size().columns


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # SIGTERM unwinds like Ctrl-C, so temporary unpack directories are removed either way. A
    # reader that goes away (mllint foo.deb | head -1) unwinds too: SIGPIPE stays ignored, as
    # Python sets it, and the BrokenPipeError of the write ends the run quietly in
    # mllint.__main__ once the unpacked copies are gone (killed by SIGPIPE, it left them behind).
    signal.signal(signal.SIGTERM, _terminate)
    try:
        return _main(argv)
    except UsageError as exc:
        print(f"mllint: {exc}", file=sys.stderr)
        return 1
    except (TagError, ProfileError, CheckLoadError) as exc:
        print(f"mllint: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("mllint: interrupted", file=sys.stderr)
        return 1


def _main(argv: list[str]) -> int:
    for word in argv:
        if word.split("=")[0] in NOT_IMPLEMENTED:
            raise UsageError(f"option {word.split('=')[0]} is not implemented")
    args = build_parser().parse_intermixed_args(argv)
    if args.print_version:
        print(__version__)
        return 0
    if args.version:
        print(f"mllint v{__version__}")
        return 0
    fail_on = parse_fail_on(args.fail_on or ["error"])
    fmt = _output_format(args, argv)
    profile = load_profile(args.profile)
    if args.model_size_limit is not None:
        if args.model_size_limit <= 0:
            raise UsageError("--model-size-limit must be positive")
        settings = {**profile.settings, "oversized-model-mib": str(args.model_size_limit)}
        profile = dataclasses.replace(profile, settings=settings)
    tags = load_tags()
    only = _tag_list(args.tags, args.tags_from_file)
    suppressed = _tag_list(args.suppress_tags, args.suppress_tags_from_file)
    if only is not None:
        enabled: set[str] | None = _resolve_tags(only, tags)
    elif suppressed is not None:
        enabled = {t.name for t in tags} - _resolve_tags(suppressed, tags)
    else:
        enabled = None
    checks = _checks(args)
    if checks is not None:  # as lintian: the tags of the other checks are disabled
        enabled = {t.name for t in tags if t.check in checks or t.check == ENGINE_CHECK} & (
            enabled if enabled is not None else {t.name for t in tags})
    level = _level(args, only is not None)
    if args.list_tags:
        names = sorted(enabled if enabled is not None else (t.name for t in tags), key=str.lower)
        print("\n".join(names))
        return 0

    inputs = list(args.inputs)
    if not inputs:
        if Path("debian/changelog").is_file():
            inputs = ["."]
        else:
            print("mllint: no package given, and the current directory is not a source tree "
                  "(no debian/changelog)", file=sys.stderr)
            build_parser().print_usage(sys.stderr)
            return 1
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if args.tag_display_limit is not None and args.tag_display_limit < 0:
        raise UsageError("--tag-display-limit must be 0 (no limit) or more")
    if args.package is not None and not SOURCE_NAME.match(args.package):
        raise UsageError(f"--package {args.package}: not a Debian source package name")

    options = Options(profile, enabled, use_overrides=not args.no_override, checks=checks)
    # The checks allocate millions of short-lived, acyclic objects (syntax trees of every Python
    # file); with the default thresholds the cyclic collector rescans the whole index over and
    # over, doubling the time on pytorch's tree (30 s to 17 s of CPU). Collect rarely instead.
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    gc.enable()  # mllint.__main__ turns it off for the imports
    tty = sys.stdout.isatty()
    width = args.output_width or (_terminal_width() if tty else 80)
    limit = args.tag_display_limit if args.tag_display_limit is not None else (
        4 if tty and not args.verbose else 0)
    visibility = Visibility(level, experimental=args.display_experimental or only is not None,
                            show_overrides=args.show_overrides and not args.no_override)
    status = 0
    groups: list[Group] = []
    with ExitStack() as stack:
        if args.emit_ml_models:
            for given in inputs:
                opened, messages = _open(given, stack, args.package)
                status |= _report(messages)
                for group in opened:
                    status |= _emit_ml_models(group)
            return status
        jobs = args.jobs or (os.cpu_count() or 1) + 1
        # One input: its models are parsed by up to one process per CPU (mllint.prefetch);
        # several: one process per input instead.
        options.workers = min(jobs, os.cpu_count() or 1) if len(inputs) == 1 else 1
        work = functools.partial(_check_input, package=args.package, tags=tags, options=options,
                                 verbose=args.verbose and not args.quiet)
        if jobs > 1 and len(inputs) > 1:
            # One process per input; results come back without their file indexes, so the
            # output is the same as with -j1 (groups are sorted by the writers). A worker
            # stopped by SIGTERM exits quietly through SystemExit, which still unwinds its
            # ExitStack; a worker that dies (OOM killer) breaks the pool instead of hanging it.
            # Imported here: 25 ms of start-up that one input never needs.
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor
            from concurrent.futures.process import BrokenProcessPool

            ctx = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(min(jobs, len(inputs)), mp_context=ctx,
                                     initializer=signal.signal,
                                     initargs=(signal.SIGTERM, _exit_worker)) as pool:
                try:
                    results = list(pool.map(work, inputs))
                except BrokenProcessPool:
                    raise UsageError("a worker process died (out of memory?); "
                                     "rerun with -j1 to see which input") from None
        else:
            results = [work(given, stack=stack) for given in inputs]
        for opened, messages, errors in results:
            status |= _report(messages)
            options.errors += errors
            groups += opened
        if not groups and status == 0:
            print("mllint: No packages selected.", file=sys.stderr)
            return 1
        run = Run(groups, tags, visibility, info=args.info, color=_use_color(args.color),
                  width=width, display_limit=0 if fmt != "ewi" else limit,
                  summary=not args.no_override and not args.show_overrides)
        sys.stdout.reconfigure(errors="surrogateescape")  # type: ignore[union-attr]
        writer = importlib.import_module(f"mllint.output.{fmt}")
        try:
            sys.stdout.write(writer.write(run))
            sys.stdout.flush()
        except BrokenPipeError:
            raise  # the reader went away: mllint.__main__ ends quietly
        except OSError as exc:  # a full disk under a redirect
            print(f"mllint: cannot write the output: {exc.strerror or exc}", file=sys.stderr)
            return 1
    for message in options.errors:
        print(f"mllint: {message}", file=sys.stderr)
        status = 1
    if status:
        return 1
    # Every hint of an enabled tag counts, shown or not: lintian's Pool.pm sets the exit status
    # before it filters by display level, -E and --show-overrides (newcomer trial).
    counted = {counts_as(h) for g in groups for p in g.processables for h in p.hints}
    return 2 if counted & fail_on else 0


if __name__ == "__main__":
    sys.exit(main())
