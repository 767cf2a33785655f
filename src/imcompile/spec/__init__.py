"""The file format, v1: pydantic models that mirror org.yaml exactly."""

from .org import API_VERSION, KIND, Organization

__all__ = ["API_VERSION", "KIND", "Organization"]
