"""PO: equipment listed in a phase-out catalogue in force on the audit date."""

from __future__ import annotations

import numpy as np
import pandas as pd

from effaudit.checks.base import AuditContext, Rule
from effaudit.conditions import evaluate
from effaudit.finding_texts import catalogue_sentence
from effaudit.findings import empty_findings, findings_frame
from effaudit.standards.by_identity import by_identity
from effaudit.standards.catalogue_match import CatalogueMatcher
from effaudit.standards.model import Catalogue, CatalogueEntry

RULES = (
    Rule("PO101", "violation", "列入淘汰目录", "Listed in a phase-out catalogue", """
What it does:
Matches the item's model against the models and whole series listed in the phase-out catalogues in force
(工信部《高耗能落后机电设备（产品）淘汰目录》 batches 1–4), applies the entry's conditions (production year,
commissioning year, voltage) and flags items whose stop-use deadline has passed or that must stop at once.
Why:
Users must stop using catalogue equipment by the catalogue's deadline and replace it with efficient equipment.
Example:
Y2-160M-4 motor made in 2001 (batch 3, entry 1-2: made in 2003 or before → stop using by end of 2015).
Use instead:
A motor of at least GB 18613-2020 grade 2. (A Y2-160M-4 made in 2008 does not meet the entry's condition.)
"""),
    Rule("PO102", "advisory", "列入淘汰目录（期限未到）", "Listed; the stop-use deadline is still ahead", """
What it does:
As PO101, for an entry whose stop-use deadline is after the audit date.
Why:
The item must be replaced before the deadline; plan it now.
Example:
An S9-M-800/10 transformer in service since 1997 (batch 4: in service 1997 or before → stop using by 2017-12-31),
audited on 2017-06-30.
Use instead:
Replace it before the deadline with equipment of at least the energy-saving level.
"""),
    Rule("PO103", "not_assessable", "淘汰目录条件无法核对", "Catalogue condition cannot be checked", """
What it does:
The model matches a catalogue entry whose condition needs data the inventory lacks (usually the manufacture or
commissioning date).
Why:
A series hit is not cleared silently: whether the entry applies depends on that data.
Example:
Y2-160M-4 with no 出厂日期 (batch 3 applies only to units made in 2003 or before).
Use instead:
Fill in the manufacture date from the nameplate.
"""),
    Rule("PO104", "advisory", "鼓励更新淘汰", "Renewal encouraged by a catalogue", """
What it does:
The catalogue lists the model but, for this item's dates, only encourages replacement (no deadline).
Why:
Priority candidate for renewal.
Example:
S9-500/10 transformer commissioned in 2003 (batch 4: units in service after 1997 are encouraged to be replaced).
Use instead:
Plan replacement with a GB 20052 grade 1 or 2 transformer.
"""),
    Rule("PO105", "advisory", "淘汰目录列名待核实", "Catalogue listing unconfirmed: verify", """
What it does:
The model matches a catalogue entry whose listing itself is in doubt (action ``verify``): the transcription of
the catalogue prints it, but the notice's own count disagrees and no second copy of the annex was found. The
finding asks for a check against the official annex and gives no verdict.
Why:
A phase-out verdict is a violation; it must not rest on an entry that may not be in the catalogue.
Example:
JS157-10 6 kV motor (batch 4, entry 2-4: the notice counts 58 motor items, the annex as transcribed prints 59).
Use instead:
Check the model against the official annex of the catalogue; replace it if it is listed. A JS157-8 6 kV motor
(listed without doubt) is PO101.
"""),
)


def _sentences(catalogue: Catalogue, entry: CatalogueEntry, code: str, how: np.ndarray, deadline: str | None,
               fields: np.ndarray | None = None) -> dict[str, list[str]]:
    """The zh and en sentences of ``code`` (finding_texts.catalogue_sentence) per item: ``how`` it matched and
    (PO103) the ``fields`` to supply; built once per distinct pair."""
    pairs = list(zip(how, fields if fields is not None else [None] * len(how)))
    made = {pair: {lang: catalogue_sentence(catalogue, entry, code, pair[0], deadline, lang, pair[1])
                   for lang in ("zh", "en")} for pair in set(pairs)}
    return {f"message_{lang}": [made[pair][lang] for pair in pairs] for lang in ("zh", "en")}


def _entry_findings(ctx: AuditContext, catalogue: Catalogue, entry: CatalogueEntry, hits: pd.DataFrame) -> pd.DataFrame:
    fields = list(dict.fromkeys(condition.field for outcome in entry.outcomes for condition in outcome.when))
    items = ctx.items.loc[hits["item"].to_numpy(), fields]
    decided = np.zeros(len(items), dtype=bool)
    frames = []
    how = hits["how"].to_numpy()
    entry_cited = entry.item_number or entry.product_zh
    clause = f"第{catalogue.batch}批 {entry_cited}" if catalogue.batch else entry_cited
    common = dict(standard=catalogue.id, clause=clause, confidence=entry.confidence, catalogue_entry=entry.serial)
    for outcome in entry.outcomes:
        holds, unknown, missing = evaluate(outcome.when, items)
        pending = unknown & ~decided
        if pending.any():
            supply = missing[pending].to_numpy()
            frames.append(findings_frame(
                items.index[pending], code="PO103", severity="not_assessable", verdict="not_assessable",
                catalogue_how=how[pending], lookup_fields=supply,
                **_sentences(catalogue, entry, "PO103", how[pending], None, supply), **common))
        applies = holds & ~decided
        decided |= holds | unknown
        if not applies.any():
            continue
        chosen = items.index[applies]
        deadline = outcome.deadline.isoformat() if outcome.deadline else None
        if outcome.action == "verify":
            code, severity, verdict = "PO105", "advisory", None
        elif outcome.action == "encourage_renewal":
            code, severity, verdict = "PO104", "advisory", None
        else:
            code = "PO101" if outcome.deadline is None or outcome.deadline < ctx.as_of else "PO102"
            severity, verdict = ("violation" if code == "PO101" else "advisory"), "phase_out"
        frames.append(findings_frame(
            chosen, code=code, severity=severity, verdict=verdict, deadline=deadline if verdict else None,
            catalogue_how=how[applies], **_sentences(catalogue, entry, code, how[applies], deadline), **common))
    return pd.concat(frames, ignore_index=True) if frames else empty_findings()


def _family_hits(ctx: AuditContext, catalogues: list[Catalogue]) -> pd.DataFrame:
    """Hits of the entries that apply to a whole family (``match: family``); their conditions decide later."""
    frames = []
    for catalogue in catalogues:
        for position, entry in enumerate(catalogue.entries):
            if entry.match == "family":
                members = ctx.items.index[ctx.members(entry.family)]
                frames.append(pd.DataFrame({"item": members, "catalogue_id": catalogue.id, "entry": position,
                                            "serial": entry.serial, "how": "family"}))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["item", "catalogue_id", "entry", "serial", "how"])


@by_identity
def _matcher(*catalogues: Catalogue) -> CatalogueMatcher:
    return CatalogueMatcher([c.raw for c in catalogues])


def run(ctx: AuditContext) -> pd.DataFrame:
    catalogues = ctx.rulebook.catalogues_in_force(ctx.as_of)
    if not catalogues:
        return empty_findings()
    has_model = ctx.items["model"].notna()
    hits = [_family_hits(ctx, catalogues)]
    if has_model.any():
        matcher = _matcher(*catalogues)
        hits.append(matcher.match(ctx.items.loc[has_model, "model"], ctx.items.loc[has_model, "family"]))
    hits = pd.concat(hits, ignore_index=True)
    by_id = {c.id: c for c in catalogues}
    frames = [empty_findings()]
    for (catalogue_id, entry_position), group in hits.groupby(["catalogue_id", "entry"], sort=True):
        catalogue = by_id[catalogue_id]
        frames.append(_entry_findings(ctx, catalogue, catalogue.entries[entry_position], group))
    return pd.concat(frames, ignore_index=True)
