"""Savings and the renewal plan (issue 18): what replacing each item below the energy-saving level would save
(energy, standard coal, CO₂, money; formulas.py, estimate.py), the operating profile it needs (profile.py), the
EF120 finding that tells it (finding.py), and the ranked renewal project list (plan.py)."""
