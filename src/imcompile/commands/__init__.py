"""Commands beyond validate/build/schema: one module each, defining `command`."""
