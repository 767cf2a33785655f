"""PagerDuty provider schema, read from the jsii assembly of cdktn-provider-pagerduty.

The assembly (``_jsii/provider-pagerduty@<ver>.jsii.tgz``) carries the typed
config interface of every resource and data source. :func:`load_schema` turns it
into :class:`Block` trees keyed by Terraform type name (``pagerduty_schedule``,
``data.pagerduty_priority``), and :func:`check` validates the ``resource`` and
``data`` sections of a synthesized ``cdk.tf.json`` against it. Nothing here
starts the jsii runtime (no Node.js needed).
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import json
import re
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Attr", "Block", "NestedBlock", "META_ARGUMENTS", "assembly_path",
           "load_schema", "check", "snake_case"]

PACKAGE = "cdktn_provider_pagerduty"
# Terraform meta-arguments cdktn may render on any resource / data source.
META_ARGUMENTS = frozenset({"count", "depends_on", "for_each", "lifecycle", "provider",
                            "connection", "provisioner"})
_LINK = re.compile(r"\{@link https://registry\.terraform\.io/\S+/docs/(resources|data-sources)/\S+ (\w+)\}")
_ANCHOR = re.compile(r"\{@link https://registry\.terraform\.io/\S+#(\w+) ")


@dataclass(frozen=True)
class Attr:
    kind: str  # "string", "number", "boolean", "list<string>", "map<string>", "any"
    required: bool


@dataclass(frozen=True)
class Block:
    attributes: dict[str, Attr]
    blocks: dict[str, NestedBlock]


@dataclass(frozen=True)
class NestedBlock:
    block: Block
    max_items: int | None  # 1 for single nested blocks, None when unknown (list blocks)
    required: bool


def snake_case(name: str) -> str:
    """cdktn's ``snakeCase`` (lib/util.js)."""
    name = re.sub(r"^[^A-Za-z0-9]*|[^A-Za-z0-9]*$", "", name)
    name = re.sub(r"([a-z0-9])([A-Z])", lambda m: m.group(1) + "_" + m.group(2).lower(), name)
    return re.sub(r"[^A-Za-z0-9]+|_+", "_", name).lower()


def assembly_path() -> Path:
    """The provider's ``.jsii.tgz``, located without importing (and so starting) jsii."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"{PACKAGE} is not installed")
    found = sorted(Path(list(spec.submodule_search_locations)[0], "_jsii").glob("*.jsii.tgz"))
    if not found:
        raise RuntimeError(f"no jsii assembly in {PACKAGE}/_jsii")
    return found[-1]


def _read_assembly(path: Path) -> dict[str, Any]:
    with tarfile.open(path, "r:gz") as tar:
        def read(name: str) -> bytes:
            member = tar.extractfile(f"package/{name}")
            if member is None:
                raise RuntimeError(f"{path}: no package/{name}")
            return member.read()
        data = json.loads(read(".jsii"))
        if data.get("schema") == "jsii/file-redirect":  # large assemblies: .jsii.gz
            raw = read(data["filename"])
            data = json.loads(gzip.decompress(raw) if data.get("compression") == "gzip" else raw)
    if not str(data.get("schema", "")).startswith("jsii/"):
        raise RuntimeError(f"{path}: not a jsii assembly")
    return data


@functools.cache
def load_schema() -> dict[str, Block]:
    """Terraform type name (``pagerduty_user``, ``data.pagerduty_priority``) -> Block.

    Cached: treat the result as read-only.
    """
    types: dict[str, Any] = _read_assembly(assembly_path())["types"]
    structs: dict[str, Block] = {}

    def kind_of(t: dict[str, Any]) -> str:
        if "primitive" in t:
            return {"json": "map<any>"}.get(t["primitive"], t["primitive"])
        if "collection" in t:
            c = t["collection"]
            return f"{'list' if c['kind'] == 'array' else 'map'}<{kind_of(c['elementtype'])}>"
        if "union" in t:  # X | IResolvable
            rest = [u for u in t["union"]["types"] if u.get("fqn") != "cdktn.IResolvable"]
            return kind_of(rest[0]) if len(rest) == 1 else "any"
        return "any"

    def struct_of(t: dict[str, Any]) -> tuple[str | None, bool]:
        """(struct fqn, is_list) when t is a nested block type."""
        if "union" in t:
            rest = [u for u in t["union"]["types"] if u.get("fqn") != "cdktn.IResolvable"]
            return struct_of(rest[0]) if len(rest) == 1 else (None, False)
        if "collection" in t and t["collection"]["kind"] == "array":
            fqn, nested = struct_of(t["collection"]["elementtype"])
            return (fqn, True) if fqn and not nested else (None, False)
        fqn = t.get("fqn")
        if fqn and types.get(fqn, {}).get("datatype") and not fqn.startswith("cdktn."):
            return fqn, False
        return None, False

    def block(fqn: str) -> Block:
        if fqn in structs:
            return structs[fqn]
        attrs: dict[str, Attr] = {}
        blocks: dict[str, NestedBlock] = {}
        result = structs[fqn] = Block(attrs, blocks)
        for prop in types[fqn].get("properties", []):
            docs = prop.get("docs", {})
            anchor = _ANCHOR.search(docs.get("summary", "") + " " + docs.get("remarks", ""))
            name = anchor.group(1) if anchor else snake_case(prop["name"])
            required = not prop.get("optional", False)
            sub, is_list = struct_of(prop["type"])
            if sub:
                blocks[name] = NestedBlock(block(sub), None if is_list else 1, required)
            else:
                attrs[name] = Attr(kind_of(prop["type"]), required)
        return result

    schema: dict[str, Block] = {}
    for t in types.values():
        if t.get("kind") != "class" or t.get("base") not in ("cdktn.TerraformResource",
                                                             "cdktn.TerraformDataSource"):
            continue
        link = _LINK.search(t.get("docs", {}).get("summary", ""))
        params = (t.get("initializer") or {}).get("parameters", [])
        config = next((p["type"]["fqn"] for p in params if p["name"] == "config"), None)
        if not link or not config:
            continue
        prefix = "data." if t["base"] == "cdktn.TerraformDataSource" else ""
        schema[prefix + link.group(2)] = block(config)
    return schema


# A live interpolation is a `${` with no `$` just before it: `$${` is Terraform's escape
# for the text `${`, which is how escape.py writes org text. The one interpolation escaped
# text holds, `${"\r"}` (a quoted carriage return), is text too.
_LIVE = re.compile(r"(?<!\$)\$\{")
_QUOTED_CR = re.compile(r'\$\{"\$*(?:\\r)+"\}')


def _is_interpolation(value: Any) -> bool:
    return isinstance(value, str) and _LIVE.search(_QUOTED_CR.sub("", value)) is not None


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return json.dumps(value)


def _check_value(kind: str, value: Any, where: str, name: str, out: list[str]) -> None:
    if kind == "any" or _is_interpolation(value):
        return
    if isinstance(value, dict) and not kind.startswith("map<") or \
            isinstance(value, list) and any(isinstance(v, dict) for v in value):
        out.append(f'{where}: "{name}" is an attribute, not a block')
    elif kind.startswith("list<") and isinstance(value, list):
        for i, v in enumerate(value):
            _check_value(kind[5:-1], v, where, f"{name}[{i}]", out)
    elif kind.startswith("map<") and isinstance(value, dict):
        for k, v in value.items():
            _check_value(kind[4:-1], v, where, f"{name}.{k}", out)
    elif not {"string": isinstance(value, str), "boolean": isinstance(value, bool),
              "number": isinstance(value, (int, float)) and not isinstance(value, bool),
              }.get(kind, False):
        article = "an" if kind[0] in "aeiou" else "a"
        out.append(f'{where}: "{name}" must be {article} {kind}, got {_show(value)}')


def _check_nested(nb: NestedBlock, value: Any, where: str, name: str, out: list[str]) -> None:
    if isinstance(value, dict):
        if nb.max_items == 1:
            _check_block(nb.block, value, f"{where}.{name}", out)
        else:
            out.append(f'{where}: "{name}" must be a list of blocks, got an object')
        return
    if not isinstance(value, list):
        out.append(f'{where}: "{name}" is a block, not an attribute (got {_show(value)})')
        return
    if nb.max_items is not None and len(value) > nb.max_items:
        out.append(f'{where}: "{name}" allows at most {nb.max_items} block, got {len(value)}')
    for i, item in enumerate(value):
        if isinstance(item, dict):
            _check_block(nb.block, item, f"{where}.{name}[{i}]", out)
        else:
            out.append(f'{where}: "{name}[{i}]" must be a block object, got {_show(item)}')


def _check_block(block: Block, body: dict[str, Any], where: str, out: list[str],
                 top: bool = False) -> None:
    present = {k for k, v in body.items() if v is not None}
    dynamic = None if "dynamic" in block.attributes or "dynamic" in block.blocks else body.get("dynamic")
    if dynamic is not None:  # cdktn iterators: "dynamic": {"<block>": {"content": {...}}}
        for name, dyn in (dynamic.items() if isinstance(dynamic, dict) else [("", None)]):
            nb = block.blocks.get(name)
            if nb is None or not isinstance(dyn, dict) or not isinstance(dyn.get("content"), dict):
                out.append(f'{where}: invalid dynamic block "{name}"')
            else:
                _check_block(nb.block, dyn["content"], f"{where}.dynamic.{name}.content", out)
            present.add(name)
    for name, value in body.items():
        if name == "//" or value is None or (top and name in META_ARGUMENTS) or \
                (name == "dynamic" and dynamic is not None):
            continue
        if name in block.attributes:
            _check_value(block.attributes[name].kind, value, where, name, out)
        elif name in block.blocks:
            _check_nested(block.blocks[name], value, where, name, out)
        else:
            out.append(f'{where}: unknown attribute "{name}"')
    for name, attr in block.attributes.items():
        if attr.required and name not in present:
            out.append(f'{where}: missing required attribute "{name}"')
    for name, nb in block.blocks.items():
        if nb.required and name not in present:
            out.append(f'{where}: missing required block "{name}"')


# Terraform's own data source, used between stacks; not part of the PagerDuty provider.
REMOTE_STATE = Block(
    attributes={"backend": Attr("string", True), "config": Attr("map<any>", False),
                "defaults": Attr("map<any>", False), "workspace": Attr("string", False)},
    blocks={},
)


def check(tf_json: dict[str, Any]) -> list[str]:
    """Problems in the ``resource`` and ``data`` sections of a synthesized cdk.tf.json."""
    schema = {**load_schema(), "data.terraform_remote_state": REMOTE_STATE}
    out: list[str] = []
    for section, prefix, what in (("resource", "", "resource"), ("data", "data.", "data source")):
        for rtype, instances in (tf_json.get(section) or {}).items():
            block = schema.get(prefix + rtype)
            if not isinstance(instances, dict):
                out.append(f"{prefix}{rtype}: must be an object of named {what}s")
                continue
            for rname, body in instances.items():
                where = f"{prefix}{rtype}.{rname}"
                if block is None:
                    out.append(f'{where}: unknown {what} type "{rtype}"')
                elif not isinstance(body, dict):
                    out.append(f"{where}: must be an object, got {_show(body)}")
                else:
                    _check_block(block, body, where, out, top=True)
    return out
