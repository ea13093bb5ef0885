#!/usr/bin/env bash
# Debian packages the real-n8n stage needs: redis-server and postgresql (queue mode) and chromium (editor check).
# Installs only what is missing; needs root (as on CI and the dev machines). CHROMIUM_PATH may name another browser.
set -euo pipefail
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v flock >/dev/null 2>&1 || missing+=(util-linux)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "[system-deps] installing ${missing[*]} from Debian (once)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
