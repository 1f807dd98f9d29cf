"""The findings frame's memory: columns without values share one array, and joining frames holds them once."""

from __future__ import annotations

import numpy as np

from effaudit.findings import findings_frame, joined


def test_columns_without_values_share_one_array_until_a_value_is_set() -> None:
    """At 1,000,000 findings each column of its own is 8 MB, and a dozen are empty in most frames; a value set in
    one of them (a part's label: engine._to_parents) leaves the others missing."""
    frame = findings_frame([3, 5], code="EF101", message_zh=["甲", "乙"], measured_value=[90.1, 91.2])
    assert np.shares_memory(frame["part_zh"].array, frame["catalogue_entry"].array)
    assert np.shares_memory(frame["grade2_value"].to_numpy(), frame["required_value"].to_numpy())
    assert not np.shares_memory(frame["message_zh"].array, frame["part_zh"].array)
    frame.loc[0, "part_zh"] = "配套电机"
    assert frame["part_zh"].tolist()[0] == "配套电机" and frame["part_en"].isna().all()
    assert frame["catalogue_entry"].isna().all() and frame["message_en"].isna().all()
    assert frame["code"].tolist() == ["EF101", "EF101"] and frame["inferred"].tolist() == [False, False]


def test_joined_sorts_by_item_then_code_and_lets_the_frames_go() -> None:
    """A stable sort: two findings of one item with one code keep the order of their frames. The frames' list is
    emptied (joined lets their columns go as it builds its own); a column missing in every frame is shared."""
    frames = [findings_frame([2, 0], code=["EF101", "PO101"], message_zh=["a", "b"]),
              findings_frame([0, 2], code=["DQ101", "EF101"], message_zh=["c", "d"], history=[None, "met"])]
    result = joined(frames, sort=True)
    assert frames == []
    assert result["item"].tolist() == [0, 0, 2, 2]
    assert result["code"].tolist() == ["DQ101", "PO101", "EF101", "EF101"]
    assert result["message_zh"].tolist() == ["c", "b", "a", "d"]
    assert result["history"].astype(object).fillna("-").tolist() == ["-", "-", "-", "met"]
    assert np.shares_memory(result["part_zh"].array, result["part_en"].array)
    codes = {name: result[name].array.codes for name in ("history", "deadline", "standard")}  # categoricals
    assert np.shares_memory(codes["deadline"], codes["standard"])
    assert not np.shares_memory(codes["history"], codes["deadline"])
    unsorted = joined([findings_frame([2], code="EF101"), findings_frame([0], code="DQ101")])
    assert unsorted["item"].tolist() == [2, 0] and list(unsorted.columns) == list(result.columns)
