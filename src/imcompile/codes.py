"""Codes reported before the rules run: reading the file and checking its schema."""

from __future__ import annotations

# code: (summary, help)
LOAD_AND_SCHEMA_CODES = {
    "E001": ("The file is valid YAML",
             "A syntax error stops everything else; the line and column point at it."),
    "E002": ("The file is UTF-8", "Other encodings are refused with the offending byte's place."),
    "E003": ("The file is of a sane size", "Org files over 10 MiB are refused unread."),
    "E004": ("The top level is one mapping",
             "One YAML document whose top level is a mapping of apiVersion, kind, metadata…"),
    "E005": ("Aliases do not explode",
             "Anchors and aliases that expand past a limit (a 'billion laughs') are refused "
             "before they are expanded."),
    "E006": ("No tags",
             "Tags such as !!python/object could construct objects; the org file holds "
             "plain data only."),
    "E007": ("No duplicate keys",
             "YAML keeps the last of two equal keys silently; imcompile refuses the second "
             "and names the line of the first."),
    "E008": ("No YAML 1.1 booleans",
             "Unquoted yes, no, on, off, y and n mean true or false to some YAML readers and "
             "text to others: quote them, or write true or false."),
    "E009": ("Times of day are quoted",
             "Unquoted 10:00 is the number 600 to YAML 1.1 readers: write \"10:00\"."),
    "E010": ("No merge keys", "Merge keys (<<) are not part of YAML 1.2: write the keys out."),
    "E011": ("Keys are plain values", "A mapping or list cannot be a key."),
    "E012": ("apiVersion is imcompile/v1",
             "Checked before anything else: a file of another version is not read further."),
    "E013": ("kind is Organization", "Checked right after apiVersion."),
    "E020": ("No unknown keys",
             "Every section refuses keys it does not know, with the closest known key "
             "suggested: a misspelt key is never silently ignored."),
    "E021": ("Required keys are present", "For example a service's team and tier."),
    "E022": ("Values have the right type and shape",
             "Durations carry units (15m), times are \"HH:MM\", dates are YYYY-MM-DD, "
             "targets are schedule:ID, person:ID or role:NAME, and choices are one of "
             "their listed values."),
    "E023": ("IDs are lowercase slugs",
             "Map keys are stable IDs: lowercase letters, digits, '-' and '_'."),
}
