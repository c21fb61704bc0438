"""Run the checks over a group and turn what they emit into final hints.

Per processable (lintian's ``Group.pm`` / ``Check.pm``): every check visits every item of the
package's views, then its per-type hook, then ``always``. The engine then drops hints for unknown
tags or tags a check does not own, sets each hint's severity from its tag file and the profile,
deduplicates on (tag, context), applies overrides and adds the override meta-hints.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field

from mllint import lazy
from mllint.check import Check
from mllint.hints import Hint
from mllint.index import Pointer
from mllint.loader import load_checks
from mllint.prefetch import prefetch
from mllint.processable import Group, Processable
from mllint.profiles import Profile
from mllint.tags import ENGINE_CHECK, TagSet

# Executed when a package has an overrides file (most have none).
overrides = lazy.module("mllint.overrides")

SOURCE_OVERRIDES = "debian/source/mllint-overrides"
BINARY_OVERRIDES = "usr/share/mllint/overrides/{}"
TREE_OVERRIDES = "debian/{}.mllint-overrides"
# Where a lintian user would put them first: mllint tags there are only lintian's alien tags.
LINTIAN_OVERRIDES = {"source": "debian/source/lintian-overrides",
                     "binary": "usr/share/lintian/overrides/{}",
                     "udeb": "usr/share/lintian/overrides/{}"}
MAX_OVERRIDE_FILE = 1 << 20  # bytes
MAX_LINK_WARNINGS = 10  # links out of a tree, unreadable files: named one by one, then counted


class EngineBugError(Exception):
    """A check broke a rule of the engine (unknown tag, foreign tag, duplicate hint).

    Raised only in strict mode (``MLLINT_STRICT=1``, set by the test suite); otherwise the
    problem is reported on stderr and the hint dropped, as lintian does."""


@dataclass
class Options:
    profile: Profile
    enabled: set[str] | None = None  # None: every tag
    use_overrides: bool = True
    errors: list[str] = field(default_factory=list)  # one-line messages for stderr, exit 1
    workers: int = 1  # processes that may parse one package's models (mllint.prefetch)
    checks: set[str] | None = None  # -C/-X: the checks to run; None: all


def _warn(options: Options, message: str, *, bug: bool = True) -> None:
    if bug and os.environ.get("MLLINT_STRICT") == "1":
        raise EngineBugError(message)
    print(f"mllint: warning: {message}", file=sys.stderr)


def _check_failed(options: Options, check: Check, where: str, exc: Exception) -> None:
    """A check raised: an mllint bug. Strict mode re-raises; otherwise one stderr line (exit 1)
    and the run goes on with the next file or check."""
    if os.environ.get("MLLINT_STRICT") == "1":
        raise exc
    options.errors.append(f"check {check.name} failed on {where}: {type(exc).__name__}: {exc}")


def run_checks(p: Processable, options: Options) -> list[Hint]:
    """Everything the checks emit for ``p``, in emission order."""
    emitted: list[Hint] = []
    checks: list[Check] = [cls(p, options.profile, emitted.append) for cls in load_checks()
                           if options.checks is None or cls.name in options.checks]
    views = []
    if p.type == "source" and p.patched is not None:
        views.append((p.patched, "visit_patched_files"))
    if p.installed is not None:
        views.append((p.installed, "visit_installed_files"))
    if p.control is not None:
        views.append((p.control, "visit_control_files"))
    hook = {"source": "source", "binary": "installable", "udeb": "installable",
            "changes": "changes", "buildinfo": "changes"}[p.type]
    facts = {key: compute for check in checks for key, compute in check.file_facts.items()}
    for view, visit in views:
        prefetch(view, options.workers, facts if visit == "visit_patched_files" else None)
    for check in checks:
        for view, visit in views:
            if getattr(type(check), visit) is getattr(Check, visit):
                continue  # not overridden: skip 50,000 calls of a no-op on a large tree
            method = getattr(check, visit)
            for item in view:
                try:
                    method(item)
                except Exception as exc:  # noqa: BLE001 - one bad file must not stop the check
                    _check_failed(options, check, f"{p.name} {p.type} file {item.name}", exc)
        try:
            getattr(check, hook)()
            check.always()
        except Exception as exc:  # noqa: BLE001 - a broken check must not stop the others
            _check_failed(options, check, f"{p.name} {p.type}", exc)
    return emitted


def finalise(p: Processable, emitted: Iterable[Hint], tags: TagSet, options: Options,
             ) -> list[Hint]:
    """Validate, set severities, deduplicate and filter by enabled tags."""
    out: list[Hint] = []
    seen: set[tuple[str, str]] = set()
    for hint in emitted:
        tag = tags.tags.get(hint.tag)
        if tag is None:
            _warn(options, f"Check {hint.check} emitted unknown tag {hint.tag}")
            continue
        if tag.check != hint.check:
            _warn(options, f"Check {hint.check} has no tag {hint.tag} (but {tag.check} does)")
            continue
        if "[" in hint.note and tag.check != ENGINE_CHECK:
            _warn(options, f"Check {hint.check}: note of {hint.tag} contains '[': {hint.note}")
        key = (hint.tag, hint.context)
        if key in seen:
            _warn(options, f"duplicate hint {p.name} {p.type}: {hint.tag} {hint.context}")
            continue
        seen.add(key)
        if options.enabled is not None and hint.tag not in options.enabled:
            continue
        hint.severity = options.profile.severity(tag.name, tag.severity, p.area)
        hint.experimental = tag.experimental
        out.append(hint)
    return out


def _override_files(p: Processable) -> list[tuple[str, str, str]]:
    """(pointer name, index label, text) of the override files that apply to ``p``."""
    found = []
    if p.type == "source" and p.patched is not None:
        item = p.patched.lookup(SOURCE_OVERRIDES)
        text = _read_small(item.path) if item is not None and item.is_file else None
        if text is not None:
            found.append((SOURCE_OVERRIDES, p.patched.label, text))
    elif p.type in ("binary", "udeb") and p.installed is not None:
        for suffix in ("", ".gz"):
            name = BINARY_OVERRIDES.format(p.name) + suffix
            item = p.installed.lookup(name)
            if item is not None and item.is_file:
                text = _read_small(item.path, gz=bool(suffix))
                if text is not None:
                    return [(name, p.installed.label, text)]
        source = p.group.source if p.group else None
        if source is not None and source.patched is not None:
            name = TREE_OVERRIDES.format(p.name)
            item = source.patched.lookup(name)
            text = _read_small(item.path) if item is not None and item.is_file else None
            if text is not None:
                found.append((name, source.patched.label, text))
    return found


def _misplaced_overrides(p: Processable, tags: TagSet, options: Options) -> None:
    """Warn when lintian's override file of ``p`` names mllint tags: lintian reports them as
    alien tags and mllint does not read that file, so without this nothing says why the
    override has no effect."""
    view = p.patched if p.type == "source" else p.installed
    pattern = LINTIAN_OVERRIDES.get(p.type)
    if view is None or pattern is None:
        return
    name = pattern.format(p.name)
    item = view.lookup(name)
    text = _read_small(item.path) if item is not None and item.is_file else None
    if text is None:
        return
    arch = p.architecture if p.type != "source" else "source"
    entries, _ = overrides.parse(text, p.name, p.type, arch)
    ours = sorted({e.tag for e in entries if tags.resolve(e.tag) is not None})
    if ours:
        mine = SOURCE_OVERRIDES if p.type == "source" else BINARY_OVERRIDES.format(p.name)
        _warn(options, f"{p.name} {p.type}: {name} overrides mllint tags ({', '.join(ours)}); "
                       f"mllint reads {mine}", bug=False)


def _read_small(path, gz: bool = False) -> str | None:
    import gzip  # only binary packages have gzipped overrides

    try:
        opener = gzip.open if gz else open
        with opener(path, "rb") as f:
            return f.read(MAX_OVERRIDE_FILE).decode("utf-8", "replace")
    except (OSError, EOFError):
        return None


def _meta(tag: str, note: str, pointer: Pointer, tags: TagSet, p: Processable) -> Hint:
    t = tags[tag]
    return Hint(tag, note, pointer, ENGINE_CHECK, t.severity, t.experimental)


def apply_overrides(p: Processable, hints: list[Hint], tags: TagSet, options: Options,
                    ) -> list[Hint]:
    """Mark overridden hints and return the meta-hints (lintian-compat.md §4.3, §4.4)."""
    meta: list[Hint] = []
    emitted = {h.tag for h in hints}
    files = _override_files(p)
    _misplaced_overrides(p, tags, options)
    # When a source is scanned without its binaries, the binaries' debian/<pkg> files are still
    # parsed so that their errors and unknown tags are reported (on the source).
    if p.type == "source" and p.patched is not None and p.group is not None \
            and not p.group.binaries:
        for para in p.binaries:
            name = TREE_OVERRIDES.format(para.get("Package", "").strip())
            item = p.patched.lookup(name)
            text = _read_small(item.path) if item is not None and item.is_file else None
            if text is not None:
                entries, errors = overrides.parse(text, para["Package"].strip(), "binary",
                                                  para.get("Architecture", "any").split()[0])
                meta += _parse_meta(entries, errors, name, p.patched.label, tags, p)
    for name, label, text in files:
        arch = p.architecture if p.type != "source" else "source"
        entries, errors = overrides.parse(text, p.name, p.type, arch)
        meta += _parse_meta(entries, errors, name, label, tags, p)
        if not options.use_overrides:
            continue
        usable = [e for e in entries if _eligible(e.tag, tags, options)]
        overridable = [h for h in hints if tags[h.tag].check != ENGINE_CHECK]
        overrides.apply(overridable, usable, tags.resolve, arch)
        for tag, note, pointer in overrides.unused(usable, emitted, tags.resolve, name, label):
            if options.enabled is None or tag in options.enabled:
                meta.append(_meta(tag, note, pointer, tags, p))
    return meta


def _eligible(tag: str, tags: TagSet, options: Options) -> bool:
    current = tags.resolve(tag)
    if current is None or tags[current].check == ENGINE_CHECK:
        return False
    return options.enabled is None or current in options.enabled


def _parse_meta(entries, errors, name: str, label: str, tags: TagSet, p: Processable,
                ) -> list[Hint]:
    out = [_meta("malformed-mllint-override", e.message, Pointer(name, e.line, label), tags, p)
           for e in errors]
    out += [_meta("unknown-tag-in-mllint-override", e.tag, Pointer(name, e.line, label), tags, p)
            for e in entries if tags.resolve(e.tag) is None]
    return out


def _unread_links(p: Processable, options: Options) -> None:
    """One warning per symlink of a source tree that points out of it: the target is never
    read (a link named model.onnx aimed at /etc/shadow shows nothing), and the user should
    know that what the name promises was not checked. Binary packages are left alone:
    absolute links into other packages are normal there."""
    if p.type != "source" or p.patched is None:
        return
    escaping = [item for item in p.patched if item.escapes]
    for item in escaping[:MAX_LINK_WARNINGS]:
        _warn(options, f"{p.name} source: {item.name} is a symbolic link out of the "
                       f"package (-> {item.link}), not read", bug=False)
    if len(escaping) > MAX_LINK_WARNINGS:  # a tree of system files, not a source package
        _warn(options, f"{p.name} source: {len(escaping) - MAX_LINK_WARNINGS} more symbolic "
                       f"links out of the package, not read", bug=False)


def _unreadable(p: Processable, options: Options) -> None:
    """An error line per file or directory that could not be read (the first ten, then a
    count): what it holds was not checked, so the run is incomplete and exits 1."""
    found = [(label, name, reason) for view, label in
             ((p.patched, ""), (p.installed, ""), (p.control, "control file "))
             if view is not None for name, reason in view.unreadable]
    for label, name, reason in found[:MAX_LINK_WARNINGS]:
        options.errors.append(f"{p.name} {p.type}: cannot read {label}{name}: {reason}")
    if len(found) > MAX_LINK_WARNINGS:
        options.errors.append(f"{p.name} {p.type}: {len(found) - MAX_LINK_WARNINGS} more "
                              f"files or directories that cannot be read")


def run_group(group: Group, tags: TagSet, options: Options) -> None:
    """Fill ``p.hints`` for every processable of ``group``."""
    for p in group.processables:
        _unread_links(p, options)
        hints = finalise(p, run_checks(p, options), tags, options)
        _unreadable(p, options)
        meta = apply_overrides(p, hints, tags, options) if p.type != "changes" else []
        meta = [m for m in meta if options.enabled is None or m.tag in options.enabled]
        for m in meta:
            m.severity = options.profile.severity(m.tag, m.severity, p.area)
        p.hints = hints + meta
