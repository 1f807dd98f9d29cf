#!/usr/bin/env bash
# One-time set-up, safe to re-run: system packages (WeasyPrint's libraries, a CJK font,
# poppler for the PDF tests) and a virtual environment in .venv with effaudit installed.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v pdftotext >/dev/null || need_apt+=(poppler-utils)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need_apt+=(fonts-noto-cjk)
ldconfig -p | grep -q libpango-1.0 || need_apt+=(libpango-1.0-0 libpangoft2-1.0-0)
# WeasyPrint subsets the CJK font with HarfBuzz when it can: without it a Chinese PDF takes ten times longer.
ldconfig -p | grep -q libharfbuzz-subset || need_apt+=(libharfbuzz-subset0)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
  fc-cache -f >/dev/null 2>&1 || true
fi

stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  python3 -m venv .venv
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -e '.[test]'
  rm -f .venv/.installed-*
  touch "$stamp"
fi
