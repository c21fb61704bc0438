"""Tag explanations as lintian prints them, and the ``mllint-explain-tags`` command.

Rendering follows ``markdown_to_plain`` and ``describe_tag`` in lintian's ``lib/Lintian/Output/EWI.pm``
(lintian-compat.md §3.3): explanations wrapped at 74 columns behind ``N:   ``, See-Also joined into
"Please refer to A, B, and C for details.", then Visibility, Show-Always and Check.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import signal
import sys
import textwrap

from mllint import __version__
from mllint.display import LETTERS
from mllint.profiles import Profile, ProfileError, load_profile
from mllint.tags import Tag, TagError, TagSet, load_tags

# Titles for "<manual> <section>" references; anything else is printed as written.
MANUALS = {
    "policy": "Debian Policy Manual",
    "devref": "Debian Developer's Reference",
}
POLICY_SECTIONS = {
    "2.2.1": "The main archive area",
    "2.2.2": "The contrib archive area",
    "2.2.3": "The non-free archive area",
    "4.9": "Main building script: debian/rules",
    "4.9.1": "debian/rules and DEB_BUILD_OPTIONS",
    "4.13": "Embedded code copies",
    "4.14": "Source package handling: debian/README.source",
    "6.4": "Maintainer scripts",
    "10.7.4": "Sharing configuration files",
    "12.5": "Copyright information",
}


def markdown_to_plain(text: str, width: int = 74) -> list[str]:
    """Plain-text lines of an explanation, each without the ``N:   `` prefix."""
    text = re.sub(r"</?(?:i|em)>", lambda m: ">" if m.group(0).startswith("</") else "<", text)
    text = re.sub(r"\[([^\]]*)\]\(([^)]*)\)", r"\1", text)
    text = re.sub(r"<([a-z][a-z0-9+.-]*://[^>]+)>", r"\1", text)
    text = re.sub(r"</?[a-zA-Z][^>]*>", "", text)
    text = html.unescape(text)
    out: list[str] = []
    for i, para in enumerate(re.split(r"\n{2,}", text.strip("\n"))):
        if i:
            out.append("")
        if para[:1].isspace():
            out.extend(para.split("\n"))
        else:
            out.extend(textwrap.wrap(" ".join(para.split()), width, break_long_words=False,
                                     break_on_hyphens=False) or [""])
    return out


def _reference(ref: str) -> str:
    m = re.fullmatch(r"([\w.+-]+)\((\d\w*)\)", ref)
    if m:
        return f"the {ref} manual page"
    manual, _, section = ref.partition(" ")
    if manual in MANUALS and section:
        title = POLICY_SECTIONS.get(section) if manual == "policy" else None
        where = f"section {section}" + (f" ({title})" if title else "")
        return f"{where} in the {MANUALS[manual]}"
    return ref


def see_also_sentence(refs: tuple[str, ...]) -> str:
    items = [_reference(r) for r in refs]
    if len(items) == 1:
        joined = items[0]
    elif len(items) == 2:
        joined = f"{items[0]} and {items[1]}"
    else:
        joined = ", ".join(items[:-1]) + f", and {items[-1]}"
    return f"Please refer to {joined} for details."


def describe(tag: Tag, visibility: str) -> list[str]:
    """The ``N:`` block printed after ``<letter>: <tag>`` and after the first ``-i`` hint."""
    lines = ["N: "]
    lines += [f"N:   {ln}" for ln in markdown_to_plain(tag.explanation)]
    if tag.see_also:
        lines.append("N: ")
        lines += [f"N:   {ln}" for ln in textwrap.wrap(see_also_sentence(tag.see_also), 74,
                                                       break_long_words=False,
                                                       break_on_hyphens=False)]
    lines += ["N: ", f"N:   Visibility: {visibility}",
              f"N:   Show-Always: {'yes' if tag.show_always else 'no'}", f"N:   Check: {tag.check}"]
    extra = []
    if tag.renamed_from:
        extra.append(f"Renamed from: {' '.join(tag.renamed_from)}")
    if tag.experimental:
        extra.append("This tag is experimental.")
    if visibility == "classification":
        extra.append("This tag is a classification. There is no issue in your package.")
    for text in extra:
        lines += [f"N:   {ln}" for ln in textwrap.wrap(text, 79 - 5)]
    lines.append("N: ")
    return lines


def as_json(tag: Tag, visibility: str) -> dict[str, object]:
    return {"check": tag.check, "experimental": tag.experimental,
            "explanation": tag.explanation, "mllint_version": __version__, "name": tag.name,
            "name_spaced": False, "renamed_from": list(tag.renamed_from), "screens": [],
            "see_also": list(tag.see_also), "show_always": tag.show_always,
            "visibility": visibility}


def main(argv: list[str] | None = None) -> int:
    """``mllint-explain-tags [--profile P] [--format json] [TAG...]``; exit 1 on unknown tags."""
    # Output piped into head(1) ends quietly when the pipe closes, as for mllint.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    parser = argparse.ArgumentParser(
        prog="mllint-explain-tags", allow_abbrev=False,
        description="Print the explanation of mllint tags, as lintian-explain-tags does.")
    parser.add_argument("tags", nargs="*", metavar="TAG",
                        help="tags to explain (default: all); a Renamed-From name works too")
    parser.add_argument("--profile", default="debian",
                        help="profile whose visibility is shown (default: debian)")
    parser.add_argument("--format", choices=("ewi", "json"), default="ewi",
                        help="ewi (default: lintian's N: blocks) or json (lintian's schema)")
    parser.add_argument("-l", "--list-tags", action="store_true",
                        help="print the tag names only")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 1
    try:
        tags: TagSet = load_tags()
        profile: Profile = load_profile(args.profile)
    except (TagError, ProfileError) as exc:
        print(f"mllint-explain-tags: {exc}", file=sys.stderr)
        return 1
    names = [tags.resolve(t) or t for t in args.tags] or sorted(
        (t.name for t in tags), key=str.lower)
    if args.list_tags:
        print("\n".join(names))
        return 0
    known = [n for n in names if n in tags]
    unknown = [n for n in names if n not in tags]
    if args.format == "json":
        objs = [as_json(tags[n], profile.severity(n, tags[n].severity)) for n in known]
        payload = objs[0] if len(objs) == 1 and len(args.tags) == 1 else objs
        sys.stdout.write(json.dumps(payload, indent=3, sort_keys=True, separators=(",", " : "),
                                    ensure_ascii=False) + "\n")
    else:
        for n in known:
            visibility = profile.severity(n, tags[n].severity)
            print("N:")
            print(f"{LETTERS[visibility]}: {n}")
            print("\n".join(describe(tags[n], visibility)))
    for n in unknown:
        print(f"The tag '{n}' does not exist", file=sys.stderr)
    return 1 if unknown else 0


if __name__ == "__main__":
    sys.exit(main())
