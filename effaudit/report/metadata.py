"""Who the report is about and who inspected: a small TOML file, falling back to what the inventory's title rows
state (``填报单位：XX公司（盖章）``).

    name = "内蒙古某某化工有限公司"
    credit_code = "91150000XXXXXXXXXX"      # 统一社会信用代码
    address = "…"
    industry = "化学原料和化学制品制造业"
    region = "内蒙古自治区"
    district = "鄂尔多斯市"
    contact = "张三 0477-0000000"
    inspecting_body = "某市节能监察支队"
    inspector = "李四"

Every key is optional; a key the file does not give is taken from the title rows when they state it.
"""

from __future__ import annotations

import codecs
import re
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from effaudit.errors import UsageError


@dataclass(frozen=True)
class Enterprise:
    name: str | None = None
    credit_code: str | None = None
    address: str | None = None
    industry: str | None = None
    region: str | None = None
    district: str | None = None
    contact: str | None = None
    inspecting_body: str | None = None
    inspector: str | None = None


FIELD_NAMES = tuple(f.name for f in fields(Enterprise))

# Labels an inventory's title rows use for a field, longest first so that 单位名称 wins over 单位.
_TITLE_LABELS = {
    "填报单位": "name", "单位名称": "name", "企业名称": "name", "用能单位": "name",
    "统一社会信用代码": "credit_code", "信用代码": "credit_code",
    "单位地址": "address", "地址": "address",
    "所属行业": "industry", "行业": "industry",
    "所在地区": "region", "地区": "region",
    "联系人": "contact", "联系电话": "contact",
}
_LABEL = "|".join(sorted(map(re.escape, _TITLE_LABELS), key=len, reverse=True))
# "label：value", the value running to the next "label：" or the end of the line.
_TITLE_FIELD = re.compile(rf"({_LABEL})\s*[：:]\s*(.*?)\s*(?=(?:\S+\s*[：:])|$)")
_SEAL_NOTE = re.compile(r"[（(]\s*(?:盖章|公章|签章)\s*[)）]")


def from_title_lines(lines: list[str]) -> Enterprise:
    """The fields title rows state; the first statement of a field wins."""
    found: dict[str, str] = {}
    for line in lines:
        for label, value in _TITLE_FIELD.findall(line):
            value = _SEAL_NOTE.sub("", value).strip()
            if value:
                found.setdefault(_TITLE_LABELS[label], value)
    return Enterprise(**found)


def _decoded(data: bytes) -> str:
    """The file's text. Notepad and WPS on a Chinese Windows save UTF-8 with a byte-order mark, UTF-16 ("Unicode")
    or GBK (ANSI); TOML itself allows only UTF-8. Text that is not valid UTF-8 is read as GB18030, the superset of
    GBK: a UTF-8 file that decodes at all is never mistaken for it."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def read_enterprise_file(path: Path) -> Enterprise:
    """Read the TOML file (UTF-8, with or without a byte-order mark, UTF-16 or GBK); an unreadable file, an unknown
    key or a value that is not text is a UsageError."""
    try:
        raw = tomllib.loads(_decoded(Path(path).read_bytes()))
    except OSError as error:
        raise UsageError(f"cannot read the enterprise file: {error.strerror}", file=str(path)) from error
    except UnicodeDecodeError as error:
        raise UsageError("the enterprise file is not text in UTF-8, UTF-16 or GBK: save it again as UTF-8",
                         file=str(path)) from error
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"not a valid TOML file: {error}", file=str(path)) from error
    unknown = sorted(set(raw) - set(FIELD_NAMES))
    if unknown:
        raise UsageError(f"unknown keys {unknown}; allowed: {', '.join(FIELD_NAMES)}", file=str(path))
    not_text = sorted(key for key, value in raw.items() if not isinstance(value, str))
    if not_text:
        raise UsageError(f"keys {not_text} must be text (in quotes)", file=str(path))
    return Enterprise(**{key: value.strip() or None for key, value in raw.items()})


def load_enterprise(path: Path | None, title_lines: list[str]) -> Enterprise:
    """The enterprise file's fields, completed from the inventory's title rows."""
    stated = from_title_lines(title_lines)
    if path is None:
        return stated
    given = read_enterprise_file(path)
    return replace(stated, **{name: value for name in FIELD_NAMES if (value := getattr(given, name)) is not None})
