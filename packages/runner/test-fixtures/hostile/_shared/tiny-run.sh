#!/usr/bin/env bash
# For a case's setup: copies a trained run folder (tiny.yaml) to $1 (default: run), training it only the first time
# in a corpus run. Needs the harness' TFYAML, HOSTILE_FIXTURES and HOSTILE_CACHE.
set -euo pipefail
dest="${1:-run}"
trained="$HOSTILE_CACHE/tiny-run"
# Cases may run side by side: one trains, the others wait for it (mkdir is atomic everywhere, unlike flock).
lock="$HOSTILE_CACHE/tiny-run.lock"
until mkdir "$lock" 2>/dev/null; do sleep 0.2; done
trap 'rmdir "$lock"' EXIT
if [ ! -d "$trained" ]; then
  out="$(mktemp -d "$HOSTILE_CACHE/train.XXXXXX")"
  if ! $TFYAML run "$HOSTILE_FIXTURES/_shared/tiny.yaml" --out "$out" > "$out.log" 2>&1; then
    cat "$out.log" >&2
    exit 1
  fi
  mv "$out"/tiny/*/ "$trained"
fi
cp -R "$trained" "$dest"
