"""Sizes as notes print them: binary units with one decimal (``812.0MiB``), bytes below 1 KiB."""


def size_text(size: int) -> str:
    """``size`` in bytes as ``123B``, ``4.0KiB``, ``12.3MiB`` or ``4.0GiB``."""
    if size < 1024:
        return f"{size}B"
    value = float(size)
    for unit in ("KiB", "MiB", "GiB", "TiB"):
        value /= 1024
        if value < 1024 or unit == "TiB":
            return f"{value:.1f}{unit}"
    raise AssertionError("unreachable")
