"""The rulebook: every loaded standard edition and catalogue, and which edition is in force on a date."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from effaudit.errors import RulebookError, UsageError
from effaudit.standards import cache
from effaudit.standards.loader import STANDARDS_DATA, load_files
from effaudit.standards.emission import EmissionFactors
from effaudit.standards.model import Catalogue, EfficiencyStandard, PolicyRulebook
from effaudit.standards.quota_model import ConversionFactors, QuotaStandard

# Families a mandatory efficiency standard covers, and that standard, for families whose tables are not encoded
# yet: an item of such a family is `not_assessable` ("the standard applies, effaudit cannot judge it yet"),
# never `out_of_scope`.
KNOWN_STANDARDS = {
    "motor_lv": "GB 18613-2020",
    "motor_hv": "GB 30254-2024",
    "motor_pmsm": "GB 30253-2024",
    "transformer": "GB 20052-2024",
    "fan": "GB 19761-2020",
    "pump": "GB 19762-2025",
    "compressor": "GB 19153-2019",
    "boiler": "GB 24500-2020",
    "chiller": "GB 19577-2024",
    "unitary_air_conditioner": "GB 19576-2019",
    "duct_air_conditioner": "GB 37479-2019",
    "multi_split_air_conditioner": "GB 21454-2021",
    "heat_pump_water_heater": "GB 29541-2013",
    "centrifugal_blower": "GB 28381-2012",
}


@dataclass(frozen=True)
class Rulebook:
    standards: tuple[EfficiencyStandard, ...]
    catalogues: tuple[Catalogue, ...]
    directory: Path
    policies: tuple[PolicyRulebook, ...] = ()
    quotas: tuple[QuotaStandard, ...] = ()
    conversions: tuple[ConversionFactors, ...] = ()
    emission_factors: EmissionFactors | None = None  # CO₂ factors of electricity and fuels (savings estimates)

    @classmethod
    def load(cls, directory: Path = STANDARDS_DATA) -> "Rulebook":
        """Every file of ``directory``, validated; from the cache (effaudit.standards.cache) when nothing changed."""
        cache_key = cache.key(directory)
        cached = cache.read(cache_key)
        if isinstance(cached, cls):
            return cached
        rulebook = cls._load_files(directory)
        cache.write(cache_key, rulebook)
        return rulebook

    @classmethod
    def _load_files(cls, directory: Path) -> "Rulebook":
        documents = load_files(directory)
        ids = [document.id for document in documents]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise RulebookError(f"{directory}: ids used by more than one file: {duplicates}")
        policies = tuple(d for d in documents if isinstance(d, PolicyRulebook))
        _check_policies(policies)
        quotas = tuple(d for d in documents if isinstance(d, QuotaStandard))
        conversions = tuple(d for d in documents if isinstance(d, ConversionFactors))
        _check_quotas(quotas, conversions)
        return cls(
            standards=tuple(d for d in documents if isinstance(d, EfficiencyStandard)),
            catalogues=tuple(d for d in documents if isinstance(d, Catalogue)),
            directory=directory,
            policies=policies,
            quotas=quotas,
            conversions=conversions,
            emission_factors=_one_emission_file(documents, directory),
        )

    @property
    def jurisdictions(self) -> tuple[str, ...]:
        return tuple(sorted({p.jurisdiction for p in self.policies}))

    def jurisdiction_of_region(self, *texts: str | None) -> str | None:
        """The jurisdiction whose ``region_names`` occur in the texts (an enterprise's district, region), the most
        specific one (the longest include chain: a city over its region); None when no rulebook names it."""
        text = "".join(t for t in texts if t)
        named = [p for p in self.policies if any(name in text for name in p.region_names)]
        if not named:
            return None
        return max(named, key=lambda p: (len(self.policies_for(p.jurisdiction)), p.jurisdiction)).jurisdiction

    def choose_jurisdiction(self, explicit: str | None, *region_texts: str | None) -> str:
        """``explicit`` when given (UsageError if unknown), else the one the enterprise's region names, else national."""
        if explicit is not None:
            if explicit not in self.jurisdictions:
                raise UsageError(f"unknown jurisdiction {explicit!r}; use one of {', '.join(self.jurisdictions)}")
            return explicit
        return self.jurisdiction_of_region(*region_texts) or "national"

    def policies_for(self, jurisdiction: str) -> list[PolicyRulebook]:
        """The policy rulebooks that apply in ``jurisdiction``: its own and everything they include, included ones
        first (national → region → city). Unknown jurisdiction: RulebookError naming the known ones."""
        if jurisdiction not in self.jurisdictions:
            raise RulebookError(f"unknown jurisdiction {jurisdiction!r}; known: {', '.join(self.jurisdictions)}")
        by_id = {p.id: p for p in self.policies}
        ordered: list[PolicyRulebook] = []

        def visit(book: PolicyRulebook) -> None:
            for included in book.includes:
                visit(by_id[included])
            if book not in ordered:
                ordered.append(book)

        for book in self.policies:
            if book.jurisdiction == jurisdiction:
                visit(book)
        return ordered

    @cached_property
    def version(self) -> str:
        """A short digest of every rulebook file: changes whenever any limit or entry changes."""
        digest = hashlib.sha256()
        for path in sorted(self.directory.rglob("*.yaml")):
            digest.update(path.relative_to(self.directory).as_posix().encode())
            digest.update(path.read_bytes())
        return digest.hexdigest()[:12]

    def get(self, document_id: str) -> EfficiencyStandard | Catalogue | PolicyRulebook | QuotaStandard | \
            ConversionFactors | EmissionFactors | None:
        wanted = document_id.replace(" ", "").upper()
        emission = (self.emission_factors,) if self.emission_factors else ()
        for document in (*self.standards, *self.catalogues, *self.policies, *self.quotas, *self.conversions,
                         *emission):
            if document.id.replace(" ", "").upper() == wanted:
                return document
        return None

    def editions(self, family: str) -> list[EfficiencyStandard]:
        """The family's editions, oldest first."""
        return sorted((s for s in self.standards if s.family == family), key=lambda s: s.effective)

    def in_force(self, family: str, on: dt.date) -> EfficiencyStandard | None:
        """The edition in force on ``on``: the latest one whose effective date is not after it — none when that one
        was withdrawn by then (a later edition, not encoded, replaced it: GB 28381-2012 on 2027-04-01)."""
        latest = self._latest_effective(family, on)
        return None if latest is None or (latest.withdrawn is not None and latest.withdrawn <= on) else latest

    def unencoded_edition(self, family: str, on: dt.date) -> str | None:
        """The id of the edition in force on ``on`` when it is not encoded: the one the latest effective edition
        names as its successor, once withdrawn. None when the edition in force is encoded, or none is named."""
        latest = self._latest_effective(family, on)
        if latest is None or latest.withdrawn is None or latest.withdrawn > on or not latest.superseded_by:
            return None
        return latest.superseded_by[0]

    def _latest_effective(self, family: str, on: dt.date) -> EfficiencyStandard | None:
        candidates = [s for s in self.editions(family) if s.effective <= on]
        return candidates[-1] if candidates else None

    def catalogues_in_force(self, on: dt.date) -> list[Catalogue]:
        return [c for c in self.catalogues if c.effective <= on]

    def quotas_in_force(self, on: dt.date) -> list[QuotaStandard]:
        """Per standard number, the edition in force on ``on`` (the latest effective one), in rulebook order."""
        latest: dict[str, QuotaStandard] = {}
        for quota in self.quotas:
            if quota.effective <= on and (quota.standard not in latest
                                          or quota.effective > latest[quota.standard].effective):
                latest[quota.standard] = quota
        return [q for q in self.quotas if latest.get(q.standard) is q]

    def quotas_not_encoded(self, on: dt.date) -> list[QuotaStandard]:
        """Standards whose edition in force on ``on`` is not encoded: no encoded edition is effective yet, but the
        earliest encoded one replaces an older edition (which governed on ``on``). The earliest encoded edition is
        returned, to tell products and name the missing edition."""
        in_force = {q.standard for q in self.quotas_in_force(on)}
        earliest: dict[str, QuotaStandard] = {}
        for quota in self.quotas:
            if quota.standard not in in_force and (quota.standard not in earliest
                                                   or quota.effective < earliest[quota.standard].effective):
                earliest[quota.standard] = quota
        return [q for q in earliest.values() if q.supersedes]

    def conversion(self, name: str) -> ConversionFactors:
        """The conversion-factor file a quota standard names (by file name: ``gbt2589-2020``)."""
        return next(c for c in self.conversions if c.path.stem == name)


def _one_emission_file(documents: list, directory: Path) -> EmissionFactors | None:
    files = [d for d in documents if isinstance(d, EmissionFactors)]
    if len(files) > 1:
        raise RulebookError(f"{directory}: more than one emission_factors file: {[str(f.path) for f in files]}")
    return files[0] if files else None


def _check_policies(policies: tuple[PolicyRulebook, ...]) -> None:
    """`includes` name existing policy rulebooks without a cycle; rule codes are unique across all of them, and
    `replaces` names a rule of a rulebook the replacing one includes."""
    by_id = {p.id: p for p in policies}
    for book in policies:
        unknown = [i for i in book.includes if i not in by_id]
        if unknown:
            raise RulebookError(f"{book.path}: includes: unknown policy rulebook ids {unknown}; "
                                f"known: {sorted(by_id)}")

    def reach(book: PolicyRulebook, trail: tuple[str, ...]) -> set[str]:
        if book.id in trail:
            raise RulebookError(f"{book.path}: includes: cycle {' → '.join((*trail, book.id))}")
        codes: set[str] = set()
        for included in book.includes:
            codes |= {r.code for r in by_id[included].rules} | reach(by_id[included], (*trail, book.id))
        return codes

    owner: dict[str, Path] = {}
    for book in policies:
        included_codes = reach(book, ())
        for rule in book.rules:
            if rule.code in owner:
                raise RulebookError(f"{book.path}: rules: code {rule.code} already used in {owner[rule.code]}")
            owner[rule.code] = book.path
            stray = [code for code in rule.replaces if code not in included_codes]
            if stray:
                raise RulebookError(f"{book.path}: rules: {rule.code} replaces {stray}, which no included "
                                    "rulebook defines")


def _check_quotas(quotas: tuple[QuotaStandard, ...], conversions: tuple[ConversionFactors, ...]) -> None:
    """Every quota standard names a conversion file that is there (by file name, e.g. gbt2589-2020)."""
    known = {c.path.stem for c in conversions}
    for quota in quotas:
        if quota.conversion not in known:
            raise RulebookError(f"{quota.path}: conversion: no conversion file {quota.conversion!r} in "
                                f"standards_data/conversions (known: {sorted(known)})")
