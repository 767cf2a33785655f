"""Generators: each a function of the resolved model returning {relative path: content}."""
