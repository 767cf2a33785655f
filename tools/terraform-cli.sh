#!/usr/bin/env bash
# Prints a folder to put first on PATH so that `terraform` or `tofu` is found.
# A Terraform CLI already on PATH is used as it is. Otherwise OpenTofu is built once per
# machine from its module on the Go module proxy (its go.mod has replace directives, so
# `go install pkg@version` refuses it: the module is downloaded and built in place) and
# kept in a cache folder outside the repository.
set -euo pipefail
OPENTOFU_VERSION=v1.10.10
cache="${XDG_CACHE_HOME:-$HOME/.cache}/imcompile/opentofu-$OPENTOFU_VERSION"

if command -v terraform >/dev/null || command -v tofu >/dev/null; then
  echo "$cache"  # harmless on PATH: it may not exist
  exit 0
fi
if [ ! -x "$cache/tofu" ]; then
  command -v go >/dev/null || { echo "terraform-cli: no terraform, tofu or go on PATH" >&2; exit 1; }
  echo "terraform-cli: building OpenTofu $OPENTOFU_VERSION from the Go module proxy (once per machine)" >&2
  src=$(go mod download -json "github.com/opentofu/opentofu@$OPENTOFU_VERSION" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["Dir"])')
  mkdir -p "$cache"
  # dev=no: a release version (1.10.10, not 1.10.10-dev), which `required_version` accepts.
  (cd "$src" && GOFLAGS=-buildvcs=false go build -o "$cache/tofu.tmp" \
    -ldflags "-X github.com/opentofu/opentofu/version.dev=no" ./cmd/tofu)
  mv "$cache/tofu.tmp" "$cache/tofu"
fi
echo "$cache"
