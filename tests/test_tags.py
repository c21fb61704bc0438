"""Tag files are data: every shipped one must pass lintian-compat.md §3.1, and the loader must
refuse the broken ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from mllint.loader import check_names
from mllint.profiles import available, load_profile
from mllint.tags import TagError, TagSet, load_tags, parse_tag_file

GOOD = """Tag: demo-tag
Severity: warning
Check: model-files
Explanation: First line.
 .
 Second paragraph.
See-Also: policy 4.9, https://example.org
"""


def write(tmp_path: Path, text: str, name: str = "demo-tag") -> Path:
    path = tmp_path / "tags" / name[0] / f"{name}.tag"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_shipped_tags_load_and_every_check_owns_one() -> None:
    tags = load_tags()
    owners = {t.check for t in tags}
    assert set(check_names()) <= owners, "a check owns no tag"
    assert len(tags.tags) >= 10


def test_good_file_parses(tmp_path: Path) -> None:
    tag = parse_tag_file(write(tmp_path, GOOD))
    assert tag.explanation == "First line.\n\nSecond paragraph."
    assert tag.see_also == ("policy 4.9", "https://example.org")


@pytest.mark.parametrize(("text", "message"), [
    (GOOD + "Info: x\n", "unknown field"),
    (GOOD.replace("Severity: warning", "Severity: serious"), "bad severity"),
    (GOOD.replace("Check: model-files\n", ""), "missing field Check"),
    (GOOD + "Experimental: maybe\n", "yes or no"),
    (GOOD.replace("Explanation: First line.", "Explanation:\n First line."), "field line"),
    (GOOD.replace("Tag: demo-tag", "Tag: other-tag"), "must be tags/"),
])
def test_bad_files_are_refused(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(TagError, match=message):
        parse_tag_file(write(tmp_path, text))


def test_check_must_exist_and_aliases_must_be_free(tmp_path: Path) -> None:
    tag = parse_tag_file(write(tmp_path, GOOD))
    with pytest.raises(TagError, match="names no check"):
        TagSet([tag], checks=["other"])
    renamed = parse_tag_file(write(tmp_path, GOOD.replace("demo-tag", "dup-tag") +
                                   "Renamed-From: demo-tag\n", "dup-tag"))
    with pytest.raises(TagError, match="alias demo-tag is taken"):
        TagSet([tag, renamed], checks=["model-files"])


def test_profiles_name_only_known_tags() -> None:
    tags = load_tags()
    for name in available():
        profile = load_profile(name)
        unknown = set(profile.changes) - set(tags.tags)
        assert not unknown, f"profile {name} names unknown tags {unknown}"


def test_ml_policy_profile_raises_star_tags_in_main_only() -> None:
    profile = load_profile("ml-policy")
    tag = "source-contains-ml-model-without-training-data"
    assert profile.severity(tag, "warning", "main") == "error"
    assert profile.severity(tag, "warning", "contrib") == "warning"
    assert load_profile("debian/main").name == "debian"
    assert load_profile("osaid").setting("free-data-level", 3) == 2
