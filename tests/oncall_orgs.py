"""Small orgs for the on-call engine's tests, and ways to read its answers."""

from datetime import datetime
from zoneinfo import ZoneInfo

from imcompile.validate import validate_text

HEAD = """\
apiVersion: imcompile/v1
kind: Organization
metadata: {name: acme}
defaults: {timezone: Europe/Berlin}
severities:
  sev0: {label: SEV0, name: Critical, description: Down., response: {page: always}}
people:
  alice: {name: Alice Chen, email: alice@acme.example}
  bob: {name: Bob Okafor, email: bob@acme.example}
  carol: {name: Carol Diaz, email: carol@acme.example}
  dan: {name: Dan Wu, email: dan@acme.example, timezone: America/New_York}
  wei: {name: Tan Wei, email: wei@acme.example, timezone: Asia/Singapore}
  arjun: {name: Arjun Nair, email: arjun@acme.example, timezone: Asia/Singapore}
  jonas: {name: Jonas Weber, email: jonas@acme.example}
  fatima: {name: Fatima Amrani, email: fatima@acme.example}
  marcus: {name: Marcus Johnson, email: marcus@acme.example, timezone: America/Los_Angeles}
  elena: {name: Elena Garcia, email: elena@acme.example, timezone: America/Los_Angeles}
teams:
  payments: {name: Payments, managers: [alice], members: [bob, carol, dan]}
  platform: {name: Platform, managers: [alice], members: [wei, arjun, jonas, fatima, marcus, elena]}
schedules:
"""

# Follow-the-sun over three zones, each region's hours in its own zone: 07-16
# Singapore, 09-17 Berlin, 08-16 Los Angeles. In winter that is 23-08, 08-16 and
# 16-24 UTC (APAC and the Americas both on 23-24 UTC); in summer 23-08, 07-15 and
# 15-23 UTC. Handoffs are Monday 00:00 in each region's zone.
FOLLOW_THE_SUN = """\
  sun:
    team: platform
    timezone: Etc/UTC
    rotation: {every: 1w, handoff: {day: monday, time: "00:00"}, start: 2026-01-05}
    follow_the_sun:
      apac: {timezone: Asia/Singapore, hours: {start: "07:00", end: "16:00"}, people: [wei, arjun]}
      emea: {timezone: Europe/Berlin, hours: {start: "09:00", end: "17:00"}, people: [jonas, fatima]}
      amer: {timezone: America/Los_Angeles, hours: {start: "08:00", end: "16:00"}, people: [marcus, elena]}
"""


def org(schedules: str, extra: str = "") -> str:
    return HEAD + schedules + extra


def model(schedules: str, extra: str = ""):
    result = validate_text(org(schedules, extra))
    assert result.ok, [d.text() for d in result.diagnostics]
    return result.model


def at(text: str) -> datetime:
    """`2026-01-12T10:00` in Berlin, or with an explicit offset/zone suffix `@Zone`."""
    when, _, zone = text.partition("@")
    moment = datetime.fromisoformat(when)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(zone or "Europe/Berlin"))
    return moment


def rows(calendar) -> list[tuple[str, str, str]]:
    """Shifts as (start, end, person), times in ISO 8601 to the minute with offset."""
    return [(s.start.isoformat(timespec="minutes"), s.end.isoformat(timespec="minutes"),
             s.person) for s in calendar.shifts]


def gaps(calendar) -> list[tuple[str, str]]:
    return [(g.start.isoformat(timespec="minutes"), g.end.isoformat(timespec="minutes"))
            for g in calendar.gaps]


def hours(start, end) -> float:
    """Real hours between two aware datetimes (subtracting two datetimes of the same
    zone would count wall-clock hours)."""
    return (end.timestamp() - start.timestamp()) / 3600
