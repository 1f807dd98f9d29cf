# The two commands of the README. Each installs what it needs first (system packages, .venv), then runs.
.PHONY: setup demo test

setup:
	@bash scripts/setup.sh

demo: setup
	mkdir -p out
	.venv/bin/effaudit check examples/inventory.xlsx --as-of 2026-11-22 --profile examples/operating-profile.yaml --json out/example.json || [ $$? -eq 1 ]

test: setup
	.venv/bin/python -m pytest -q
