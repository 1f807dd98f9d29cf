"""Test helper: a result JSON (schema effaudit.audit/2) as the tests read it, each finding's ``message`` its text.

audit/2 writes a finding's message as an index into the document's ``messages``; the tests assert on the texts.
"""

from __future__ import annotations

import json


def with_messages(document: dict) -> dict:
    """``document`` (a parsed result) with each finding's message index replaced by its text, in place."""
    messages = document["messages"]
    for item in document["items"]:
        for finding in item["findings"]:
            if "message" in finding:
                finding["message"] = messages[finding["message"]]
    return document


def loads(text: str | bytes) -> dict:
    """``json.loads`` of a result, with its findings' messages as texts."""
    return with_messages(json.loads(text))
