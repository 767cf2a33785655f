"""imcompile: incident management as code."""

__version__ = "0.1.0"
