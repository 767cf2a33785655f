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
             "Unquoted 10:00 is the number 600 to YAML 1.1 readers: write \"10:00\" "
             "(and \"09:00\" for 9:00: hours have two digits)."),
    "E010": ("No merge keys", "Merge keys (<<) are not part of YAML 1.2: write the keys out."),
    "E011": ("Keys are plain values", "A mapping or list cannot be a key."),
    "E012": ("apiVersion is imcompile/v1",
             "Checked before anything else: a file of another version is not read further."),
    "E013": ("kind is Organization", "Checked right after apiVersion."),
    "E014": ("No control characters",
             "No string, key or value, may hold a control character (C0 such as NUL or ESC, "
             "DEL, or C1) or a bidirectional override or isolate (U+202A-U+202E, "
             "U+2066-U+2069): they would reach terminals, CI logs and wiki pages raw, or "
             "show text in another order than it is. YAML refuses most of them written "
             "raw; this refuses what the escapes of double-quoted strings (\"\\0\", "
             "\"\\e\") make. Tabs and line breaks are for descriptions, help and notes "
             "only (E022 elsewhere)."),
    "E020": ("No unknown keys",
             "Every section refuses keys it does not know, with the closest known key "
             "suggested: a misspelt key is never silently ignored."),
    "E021": ("Required keys are present", "For example a service's team and tier."),
    "E022": ("Values have the right type, shape and size",
             "Durations carry units (15m) and stay in range (an escalation delay at most "
             "7d, timeouts 1m to 7d, targets and cadences at most 365d), times are "
             "\"HH:MM\" from 00:00 to 23:59 (a window may end at 24:00), dates are real "
             "days YYYY-MM-DD from 2000 to 2100, targets are schedule:ID, person:ID or "
             "role:NAME, choices are one of their listed values, and text is no longer "
             "than PagerDuty, Slack and file systems take: names 255 characters (people, "
             "teams and e-mail addresses 100, severity labels 32), descriptions 1024. "
             "Names are one line: no line breaks or tabs. The message says what to write "
             "for slips people make often: a sign or a decimal point in a duration "
             "(-5m, 1.5h: write whole positive numbers, 1h30m), a range of days "
             "(mon-fri: list them), and curly quotes pasted from a document (“10:00”)."),
    "E023": ("IDs are lowercase slugs",
             "Map keys are stable IDs: lowercase letters, digits, '-' and '_'."),
}
