"""An example for every section of the format. Together they form one valid org file;
a test checks that, so the format reference can never show an example that fails."""

INTRO = """
One file, `org.yaml`, describes how an organisation responds to incidents. Its
sections are maps keyed by stable IDs (lowercase slugs): the ID is an entity's identity
across renames of its display name. Durations carry units (`15m`, `1h`, `1w`), times
of day are quoted `"HH:MM"`, dates are `YYYY-MM-DD`, and time zones are IANA names
(`Etc/UTC`, never `UTC`). Unknown keys are errors.

Start the file with the modeline below so that editors complete and check it against
the published schema (`imcompile schema` prints it):

```yaml
# yaml-language-server: $schema=schemas/org.v1.schema.json
apiVersion: imcompile/v1
kind: Organization
```
"""

EXAMPLES = {
    "apiVersion": "apiVersion: imcompile/v1",
    "kind": "kind: Organization",
    "metadata": """
metadata:
  name: acme
  display_name: Acme Corp
  wiki_url: https://github.com/acme/incidents/wiki
""",
    "defaults": """
defaults:
  timezone: Europe/Berlin
  business_hours: {days: [mon, tue, wed, thu, fri], start: "09:00", end: "17:00"}
""",
    "severities": """
severities:            # most severe first
  sev0:
    label: SEV0
    name: Critical
    pagerduty_priority: P1
    major_incident: true
    description: Complete outage, critical data loss or security breach.
    impact: [production completely down, revenue-generating functions broken]
    examples: [API down, payment processing broken]
    response: {page: always, urgency: high, acknowledge_within: 5m, resolve_target: 1h}
    roles: [incident_commander, subject_matter_expert]
    updates: {internal_every: 15m, status_page_every: 30m}
    notify: {executives: real-time, customers: status page immediately}
    slack: {incident_channel: true}
    postmortem: {required: true, within: 48h}
  sev3:
    label: SEV3
    name: Low
    description: Cosmetic or internal-only issues.
    response: {page: never, urgency: low}
""",
    "classification": """
classification:
  start: down
  questions:
    down:
      ask: Is production completely down or critical data at risk?
      if_yes: {severity: sev0}
      if_no: {next: customers}
    customers:
      ask: Are customers impacted?
      if_yes: {severity: sev0, note: customer impact without a workaround}
      if_no: {severity: sev3}
""",
    "roles": """
roles:
  incident_commander:
    name: Incident Commander
    summary: Owns the overall response and makes the calls.
    responsibilities: [delegates tasks to responders, decides rollback or debug]
    not_responsible_for: [hands-on debugging]
  subject_matter_expert:
    name: Subject Matter Expert
    summary: Debugs and mitigates hands-on.
""",
    "communication": """
communication:
  audiences:
    executives: {name: Executives, channel: email}
    customers: {name: Customers, channel: status page}
  status_page: https://status.acme.example
""",
    "people": """
people:
  alice: {name: Alice Chen, email: alice@acme.example, timezone: America/Los_Angeles}
  bob: {name: Bob Okafor, email: bob@acme.example}
  carol: {name: Carol Díaz, email: carol@acme.example, slack_id: U024BE7LH}
  dave: {name: Dave Kim, email: dave@acme.example, leaving: true}
""",
    "teams": """
teams:
  payments:
    name: Payments
    managers: [alice]
    members: [bob, carol, dave]
    slack: {channel: team-payments, channel_id: C0123ABCD}
""",
    "schedules": """
schedules:
  payments-primary:
    team: payments
    role: primary
    rotation: {every: 1w, handoff: {day: monday, time: "10:00"}, start: 2026-01-05}
    people: [bob, carol, alice]
  payments-secondary:
    team: payments
    secondary_of: payments-primary
  payments-daytime:
    team: payments
    layers:
      weekdays:
        rotation: {every: 1d, handoff: {time: "09:00"}, start: 2026-01-05}
        people: [carol, bob]
        restrictions: [business_hours]
""",
    "escalation_policies": """
escalation_policies:
  payments-urgent:
    team: payments
    repeat: 1
    steps:
      - {notify: [schedule:payments-primary], escalate_after: 5m}
      - {notify: [schedule:payments-daytime], escalate_after: 5m}
      - {notify: [schedule:payments-secondary, person:alice], round_robin: true}
""",
    "escalation_matrix": """
escalation_matrix:     # a policy per team: primary -> secondary -> manager
  teams: [payments]
  steps:
    - {notify: ["role:primary"], escalate_after: 15m}
    - {notify: ["role:secondary"], escalate_after: 15m}
    - {notify: ["role:team_manager"]}
""",
    "tiers": """
tiers:
  1: {urgency: high, always_paged: true, acknowledgement_timeout: 30m}
  3: {urgency: support_hours, support_hours: business_hours, auto_resolve_timeout: 24h}
""",
    "services": """
services:
  payments-api:
    name: Payments API
    team: payments
    tier: 1
    escalation_policy: payments-escalation
    runbook: https://wiki.acme.example/runbooks/payments-api
    depends_on: [ledger]
    alert_grouping: {type: intelligent, time_window: 5m}
    integrations: {datadog: {type: events_api_v2, name: Datadog}}
    renamed_from: [payments]
  ledger:
    name: Ledger
    team: payments
    tier: 3
    escalation_policy: payments-escalation
""",
    "business_services": """
business_services:
  checkout:
    name: Checkout
    team: payments
    point_of_contact: alice@acme.example
    depends_on: [payments-api]
""",
    "slack": """
slack:
  workspace_id: T0ACME0001
  conventions: {team: "team-{team}", service: "alerts-{service}", incident: "inc-{date}-{slug}"}
""",
    "oncall": """
oncall:
  lookahead_weeks: 4     # coverage and load are checked this far ahead
  max_share: 0.5         # nobody on call for more than half of a schedule's time
""",
    "runbooks": """
runbooks:
  max_age: 180d
""",
    "pagerduty": """
pagerduty:
  priorities: [P1, P2, P3, P4, P5]
""",
    "terraform": """
terraform:
  stacks: single
  prevent_destroy: true
""",
    "lint": """
lint:
  # Findings accepted on purpose, each with a reason, for example
  # - {code: W130, path: schedules.platform-primary, reason: two-person team until March}
  # or a comment `imcompile: ignore W130 -- reason` on the line the finding points at.
  ignore: []
""",
}


def example_org() -> str:
    return "\n".join(text.strip() for text in EXAMPLES.values()) + "\n"
