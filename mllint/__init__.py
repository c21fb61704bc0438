"""mllint: a lintian-style static analyzer for Debian packages that contain machine-learning models."""

__version__ = "0.1.0"
