"""Synthesis with CDK Terrain: typed PagerDuty constructs from the stack descriptions.

Each stack's file records a fingerprint of what it was made from. A stack whose
fingerprint and content are unchanged is reused as it is, so a change to one team
re-synthesises one stack, not all of them.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import re
import tempfile
from collections import Counter
from dataclasses import replace
from functools import cache
from pathlib import Path

from ... import __version__
from ...conventions import GENERATED_BANNER
from ...jsii_env import configure
from . import escape, pool
from .escape import Shield, template
from .backend import place
from .stacks import Stack

PROVIDER_VERSION = ">= 3.32.2, < 4.0"
# moved blocks need Terraform 1.1, import blocks 1.5.
TERRAFORM_VERSION = ">= 1.5"
# The community Slack provider has no prebuilt bindings: its resources are written raw.
SLACK_SOURCE, SLACK_VERSION = "pablovarela/slack", "~> 1.2"
FILE = "cdk.tf.json"


def dump(doc: dict) -> str:
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@cache
def _toolchain() -> str:
    """What else shapes the output: this module's code and the CDK packages' versions."""
    from importlib.metadata import version
    code = Path(__file__).read_bytes() + Path(escape.__file__).read_bytes()
    versions = [version(p) for p in ("cdktn", "cdktn-provider-pagerduty")]
    return hashlib.sha256(code + repr(versions).encode()).hexdigest()


def fingerprint(stack: Stack) -> str:
    text = json.dumps([__version__, _toolchain(), PROVIDER_VERSION, TERRAFORM_VERSION, stack.description()],
                      sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _seal(doc: dict, inputs: str) -> str:
    """Mark the file as generated, with the hash of its inputs and of itself."""
    doc["//"] = {"imcompile": {"generated": GENERATED_BANNER, "inputs": inputs, "output": ""}}
    body = dump(doc)
    digest = hashlib.sha256(body.encode()).hexdigest()
    # "//" sorts first, so the first empty "output" is the seal's own.
    return body.replace(_BLANK, f'"output": "{digest}"', 1)


_BLANK = '"output": ""'
_SEAL = re.compile(r'"inputs": "([0-9a-f]{64})",\s*"output": "([0-9a-f]{64})"')


def reusable(text: str | None, inputs: str) -> bool:
    """An earlier file can stand if it was made from the same inputs and not edited since."""
    if text is None:
        return False
    found = _SEAL.search(text, 0, 600)
    if found is None or found.group(1) != inputs:
        return False
    claimed = found.group(2)
    blank = text.replace(f'"output": "{claimed}"', _BLANK, 1)
    return hashlib.sha256(blank.encode()).hexdigest() == claimed


def synthesize(stacks: list[Stack], previous: dict[str, str],
               jobs: int | None = None, sink=None) -> dict[str, str]:
    """{"<stack>/cdk.tf.json": text}; `previous` holds files of an earlier build. Large
    builds use `jobs` processes (default: one per core; see pool.py). `sink(path, text)`
    is called for each file as soon as it is made, so it can be written meanwhile."""
    out, todo = {}, []
    sink = sink or (lambda path, text: None)
    for stack in stacks:
        path = f"{stack.name}/{FILE}"
        inputs = fingerprint(stack)
        if reusable(previous.get(path), inputs):
            out[path] = previous[path]
            sink(path, out[path])
        else:
            todo.append((stack, inputs))
    if todo:
        jobs = pool.jobs_for(todo, jobs)
        # On several cores a large stack is cut into pieces, so that no single stack
        # (the core one holds every user) holds the build up while the others wait.
        size = pool.BATCH if jobs > 1 else None
        pieces = [(piece, inputs, len(cut)) for stack, inputs in todo
                  for cut in [_pieces(stack, size)] for piece in cut]
        parts: list[dict] = []
        for stack, inputs, count, result in pool.synthesize(pieces, made, jobs):
            path = f"{stack.name}/{FILE}"
            if count == 1:
                out[path] = result
            else:
                parts.append(result)
                if len(parts) < count:
                    continue
                out[path], parts = _seal(_merge(parts), inputs), []
            sink(path, out[path])
    # In the stacks' order, however the processes finished.
    return {f"{s.name}/{FILE}": out[f"{s.name}/{FILE}"] for s in stacks}


def made(todo):
    """Yield (*item, result) for each (stack, inputs, pieces) of `todo`: the sealed text
    of a whole stack, the document of a piece (sealed once merged). Sealing here puts
    the JSON writing of whole stacks in the worker processes."""
    for (stack, inputs, count), doc in zip(todo, _cdk([s for s, _, _ in todo]), strict=True):
        yield stack, inputs, count, _seal(doc, inputs) if count == 1 else doc


def _cdk(stacks: list[Stack]):
    """Yield the Terraform JSON document of each of `stacks`, synthesised in one app."""
    configure()
    from cdktn import App, TerraformOutput
    from cdktn import TerraformStack
    from cdktn_provider_pagerduty.provider import PagerdutyProvider

    shield = Shield()
    with tempfile.TemporaryDirectory(prefix="imcompile-synth-") as outdir:
        app = App(outdir=outdir)
        # CDK stack IDs by position: pieces of one stack share its name, and the ID
        # itself never reaches the output (_tidy drops CDK's metadata).
        for k, stack in enumerate(stacks):
            scope = TerraformStack(app, f"stack-{k}")
            scope.add_override("terraform.required_version", TERRAFORM_VERSION)
            # Tokens come from the environment only, never from a file.
            if stack.provider == "slack":
                _slack_provider(scope)
            else:
                PagerdutyProvider(scope, "pagerduty")
                scope.add_override("terraform.required_providers.pagerduty.version",
                                   PROVIDER_VERSION)
            taken = _reserved(stack)
            for res in stack.resources:
                _construct(scope, res, taken, shield)
            for name, value in sorted(stack.outputs.items()):
                TerraformOutput(scope, name, value=value)
            for name, value in sorted(stack.sensitive.items()):
                TerraformOutput(scope, name, value=value, sensitive=True)
        app.synth()
        for k, stack in enumerate(stacks):
            path = Path(outdir) / "stacks" / f"stack-{k}" / FILE
            doc = shield.reveal(_tidy(json.loads(path.read_text(encoding="utf-8"))))
            # The backend and remote-state reads: backend.py's convention.
            yield place(_moves_and_imports(doc, stack), stack.state)


def _pieces(stack: Stack, size: int | None) -> list[Stack]:
    """`stack` cut into stacks of `size` resources (None: whole); the first keeps the
    outputs. Their documents merge back into the stack's (_merge): references are
    Terraform expressions already, so no piece needs another's constructs."""
    if size is None or len(stack.resources) <= size:
        return [stack]
    chunks = [stack.resources[i:i + size] for i in range(0, len(stack.resources), size)]
    return [replace(stack, resources=chunk, outputs=stack.outputs if k == 0 else {},
                    sensitive=stack.sensitive if k == 0 else {})
            for k, chunk in enumerate(chunks)]


def _merge(docs: list[dict]) -> dict:
    """One document from the pieces' documents, in order."""
    out = docs[0]
    for doc in docs[1:]:
        for key, value in doc.items():
            if key in ("resource", "data"):
                section = out.setdefault(key, {})
                for kind, entries in value.items():
                    section.setdefault(kind, {}).update(entries)
            elif key in ("moved", "import"):
                out.setdefault(key, []).extend(value)
            elif key not in out:
                out[key] = value
            elif out[key] != value:  # terraform, provider: the same in every piece
                raise RuntimeError(f"pieces of a stack disagree on {key!r}")
    return out


def _tidy(doc: dict) -> dict:
    """Drop CDK's per-construct metadata: paths of a temporary app, noise in reviews."""
    doc.pop("//", None)
    for section in ("resource", "data", "output"):
        for entries in doc.get(section, {}).values():
            if isinstance(entries, dict):
                for body in entries.values():
                    if isinstance(body, dict):
                        body.pop("//", None)
    return doc


def _moves_and_imports(doc: dict, stack: Stack) -> dict:
    """`moved` and `import` blocks are written here, not by the CDK: for each of them the
    CDK runs `terraform version`, and a build must not need Terraform installed."""
    moved, imports = [], []
    for res in stack.resources:
        address = f"{res.tf_type}.{res.name}"
        # Earlier IDs oldest first: Terraform follows a chain, but refuses two blocks
        # moving different objects to one address.
        chain = [*res.moved_from, address]
        moved += [{"from": old, "to": new} for old, new in zip(chain, chain[1:])]
        if res.import_id:  # an ID from the org file: text, never a reference
            imports.append({"id": template(res.import_id), "to": address})
    if moved:
        doc["moved"] = moved
    if imports:
        doc["import"] = imports
    return doc


def _slack_provider(scope) -> None:
    from cdktn import TerraformProvider, TerraformProviderGeneratorMetadata
    TerraformProvider(scope, "slack", terraform_resource_type="slack",
                      terraform_provider_source=SLACK_SOURCE,
                      terraform_generator_metadata=TerraformProviderGeneratorMetadata(
                          provider_name="slack", provider_version_constraint=SLACK_VERSION))
    scope.add_override("terraform.required_providers.slack",
                       {"source": SLACK_SOURCE, "version": SLACK_VERSION})


def _reserved(stack) -> set[str]:
    """Construct IDs a resource cannot take as its plain name."""
    counts = Counter(r.name for r in stack.resources)
    clashes = {name for name, n in counts.items() if n > 1}
    return clashes | {"pagerduty", "slack", "backend"} | set(stack.outputs) | set(
        stack.sensitive) | {f"remote-state.{d}" for d in stack.depends_on}


def _construct_id(res, taken: set[str]) -> str | None:
    """A construct directly under a stack gets its ID as logical ID: use the Terraform
    name itself where it is unique, saving a round trip to the jsii runtime."""
    return None if res.name in taken else res.name


def _raw(scope, res, taken, shield) -> None:
    from cdktn import TerraformResource, TerraformResourceLifecycle
    cid = _construct_id(res, taken)
    construct = TerraformResource(scope, cid or f"{res.tf_type}.{res.name}",
                                  terraform_resource_type=res.tf_type,
                                  lifecycle=TerraformResourceLifecycle(
                                      prevent_destroy=True) if res.protect else None)
    if cid is None:
        construct.override_logical_id(res.name)
    for key, value in res.attrs.items():
        construct.add_override(key, shield.hide(value))


def _construct(scope, res, taken, shield) -> None:
    if res.provider != "pagerduty":
        _raw(scope, res, taken, shield)
        return
    cls, prefix, module = _binding(res.tf_type, res.data)
    kwargs = {k: _typed(module, _block_struct(prefix, k), shield.hide(v))
              for k, v in res.attrs.items()}
    if res.protect:
        kwargs["lifecycle"] = {"prevent_destroy": True}
    # Construct IDs are unique per stack; Terraform names only per type.
    cid = _construct_id(res, taken)
    construct = cls(scope, cid or f"{res.tf_type}.{res.name}", **kwargs)
    if cid is None:
        construct.override_logical_id(res.name)


@cache
def _binding(tf_type: str, data: bool):
    bare = tf_type.removeprefix("pagerduty_")
    module_name = f"data_pagerduty_{bare}" if data else bare
    module = importlib.import_module(f"cdktn_provider_pagerduty.{module_name}")
    class_name = _camel(module_name)
    return getattr(module, class_name), class_name, module


def _block_struct(prefix: str, block: str) -> str:
    # jsii renames a top-level `config` block's struct, which would clash with the
    # resource's own Config class, to ConfigA.
    return prefix + ("ConfigA" if block == "config" else _camel(block))


def _camel(snake: str) -> str:
    return "".join(part.capitalize() for part in snake.split("_"))


def _typed(module, struct_name: str, value):
    """Dicts become the binding's struct classes, recursively, so the jsii types check
    every nested block; a block the bindings do not know is an error, not a guess."""
    if isinstance(value, list):
        return [_typed(module, struct_name, v) for v in value]
    if not isinstance(value, dict):
        return value
    struct = getattr(module, struct_name, None)
    if struct is None:
        raise TypeError(f"the PagerDuty bindings have no block {struct_name}")
    return struct(**{k: _typed(module, struct_name + _camel(k), v) for k, v in value.items()})
