"""Nameplate text in one ledger cell: the exact fields read from many real shapes, and properties on any text."""

from __future__ import annotations

import re
import string
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from effaudit.interpret.nameplate import (
    Nameplate,
    carries_nameplate,
    nameplates_per_distinct,
    read_nameplates,
    unread_text,
)


def motor(**fields: Any) -> Nameplate:
    """A Nameplate; ``volts``/``amps`` set the list and its first value (the rated one) together."""
    if "volts" in fields:
        volts = fields.pop("volts")
        fields.update(voltages_v=volts, rated_voltage_v=volts[0])
    if "amps" in fields:
        amps = fields.pop("amps")
        fields.update(currents_a=amps, current_a=amps[0])
    if "made" in fields:
        made = fields.pop("made")
        fields.update(manufactured=made, manufactured_precision="month" if "-" in made else "year")
    return Nameplate(**fields)


# text → the motors it describes, exactly (every field not given is None / empty)
CASES: list[tuple[str, tuple[Nameplate, ...]]] = [
    # --- the examples
    ("上海电气 YE3-315M-4 WF1 · 132 kW · 380V/50Hz · 236 A · 1485 r/min · IE3 95.6% · F级 · IP55 · 制造 2024.07",
     (motor(model="YE3-315M-4", rated_power_kw=132.0, volts=(380.0,), frequency_hz=50.0, amps=(236.0,),
            rated_speed_rpm=1485.0, ie_class="IE3", efficiency_pct=95.6, insulation_class="F", made="2024-07"),)),
    ("起升电机ZD31-4/3KW 旋转电机ZDY21-4/0.75KW",
     (motor(label="起升电机", model="ZD31-4", rated_power_kw=3.0),
      motor(label="旋转电机", model="ZDY21-4", rated_power_kw=0.75))),
    ("Y2-132S2-2 5.5KW 2900r/min 380V",
     (motor(model="Y2-132S2-2", rated_power_kw=5.5, rated_speed_rpm=2900.0, volts=(380.0,)),)),
    ("YE2-160M-4/11kW/1460rpm/η=91%",
     (motor(model="YE2-160M-4", rated_power_kw=11.0, rated_speed_rpm=1460.0, efficiency_pct=91.0),)),
    ("电机：YE4-200L-4 30千瓦 1475转/分 效率94.2% 2022年8月出厂",
     (motor(model="YE4-200L-4", rated_power_kw=30.0, rated_speed_rpm=1475.0, efficiency_pct=94.2, made="2022-08"),)),
    ("YKK4502-4 630kW 10kV 1488r/min",
     (motor(model="YKK4502-4", rated_power_kw=630.0, volts=(10000.0,), rated_speed_rpm=1488.0),)),
    # --- one field per line, as typed from a photo
    ("型号:Y160M-4\n额定功率:11kW\n额定电压:380V\n额定电流:22.6A\n转速:1460r/min\n出厂日期:2008.06",
     (motor(model="Y160M-4", rated_power_kw=11.0, volts=(380.0,), amps=(22.6,), rated_speed_rpm=1460.0,
            made="2008-06"),)),
    ("电动机型号 YE3-250M-4\r\n功率 55kW  电压 380V\r\n电流 102.6A  转速 1485r/min\r\n效率 94.6%  F级  IP55",
     (motor(model="YE3-250M-4", rated_power_kw=55.0, volts=(380.0,), amps=(102.6,), rated_speed_rpm=1485.0,
            efficiency_pct=94.6, insulation_class="F"),)),
    # --- brand first or last, separators of every kind
    ("YE3-200L-4,30KW,380V,1475rpm,效率93.6,F级,IP55,2021年",
     (motor(model="YE3-200L-4", rated_power_kw=30.0, volts=(380.0,), rated_speed_rpm=1475.0, efficiency_pct=93.6,
            insulation_class="F", made="2021"),)),
    ("卧龙电气 YE3-280S-4 75kW 三相异步电动机 2018-03",
     (motor(model="YE3-280S-4", rated_power_kw=75.0, phases=3, made="2018-03"),)),
    ("YE3-132M-4；7.5kW；380V；15.4A；1440r/min；效率90.4%；佳木斯电机",
     (motor(model="YE3-132M-4", rated_power_kw=7.5, volts=(380.0,), amps=(15.4,), rated_speed_rpm=1440.0,
            efficiency_pct=90.4),)),
    ("YE2-180M-4、18.5kW、1470r/min、IE2、效率：91.2%、大中电机",
     (motor(model="YE2-180M-4", rated_power_kw=18.5, rated_speed_rpm=1470.0, ie_class="IE2", efficiency_pct=91.2),)),
    ("皖南电机|YE3-112M-2|4kW|2895r/min|IE3|88.1%",
     (motor(model="YE3-112M-2", rated_power_kw=4.0, rated_speed_rpm=2895.0, ie_class="IE3", efficiency_pct=88.1),)),
    ("YE3-315L2-4 200kW 380V 50Hz 效率:96.3% 4P",
     (motor(model="YE3-315L2-4", rated_power_kw=200.0, volts=(380.0,), frequency_hz=50.0, efficiency_pct=96.3,
            poles=4),)),
    # --- full-width forms (NFKC)
    ("ＹＥ３－１６０Ｍ－４　１１ｋＷ　１４６０ｒ／ｍｉｎ　效率：９１．０％",
     (motor(model="YE3-160M-4", rated_power_kw=11.0, rated_speed_rpm=1460.0, efficiency_pct=91.0),)),
    ("型号：ＹＥ２－１３２Ｓ－４，功率：５．５ＫＷ，电流：１１．７Ａ，出厂日期：２０１７年１１月",
     (motor(model="YE2-132S-4", rated_power_kw=5.5, amps=(11.7,), made="2017-11"),)),
    ("YE3一132S一4 5.5kW",  # the CJK 一 typed for a dash
     (motor(model="YE3-132S-4", rated_power_kw=5.5),)),
    # --- Chinese units and words
    ("出厂时间2015年，功率18.5千瓦，转速1470转/分钟，电压380伏，电流35.9安",
     (motor(made="2015", rated_power_kw=18.5, rated_speed_rpm=1470.0, volts=(380.0,), amps=(35.9,)),)),
    ("Y225M-4 45KW 84.2A 1480转 1997年",
     (motor(model="Y225M-4", rated_power_kw=45.0, amps=(84.2,), rated_speed_rpm=1480.0, made="1997"),)),
    ("四极电机 15千瓦 380伏 50赫兹",
     (motor(poles=4, rated_power_kw=15.0, volts=(380.0,), frequency_hz=50.0),)),
    ("10kW 4极 额定频率50",
     (motor(rated_power_kw=10.0, poles=4, frequency_hz=50.0),)),
    ("JO2-41-4 4kW 1440r/min 1975年",
     (motor(model="JO2-41-4", rated_power_kw=4.0, rated_speed_rpm=1440.0, made="1975"),)),
    # --- units spelled every way
    ("电动机 YE3-100L1-4 2.2kw 380v 50hz 1430r/min IE3 86.7% F级",
     (motor(model="YE3-100L1-4", rated_power_kw=2.2, volts=(380.0,), frequency_hz=50.0, rated_speed_rpm=1430.0,
            ie_class="IE3", efficiency_pct=86.7, insulation_class="F"),)),
    ("5.5 kW, 380 V, 11.6 A, 2920 rpm, eff. 89.2 %",
     (motor(rated_power_kw=5.5, volts=(380.0,), amps=(11.6,), rated_speed_rpm=2920.0, efficiency_pct=89.2),)),
    ("ABB M3BP 315SMC 4 110kW 400V 50Hz 1487 min-1 IE3 95.6%",  # the maker's model is not a GB designation
     (motor(rated_power_kw=110.0, volts=(400.0,), frequency_hz=50.0, rated_speed_rpm=1487.0, ie_class="IE3",
            efficiency_pct=95.6, unread=("ABB M3BP 315SMC 4",)),)),
    ("Y90S-4 1.1kW 1400r/m",
     (motor(model="Y90S-4", rated_power_kw=1.1, rated_speed_rpm=1400.0),)),
    ("P=15kW n=1460 U=380V I=29.4A f=50Hz",
     (motor(rated_power_kw=15.0, rated_speed_rpm=1460.0, volts=(380.0,), amps=(29.4,), frequency_hz=50.0),)),
    ("Y801-2 750W 2830r/min",
     (motor(model="Y801-2", rated_power_kw=0.75, rated_speed_rpm=2830.0),)),
    # --- efficiency written every way
    ("Y2-90L-2 2.2kW η=0.82 380V △",
     (motor(model="Y2-90L-2", rated_power_kw=2.2, efficiency_pct=82.0, volts=(380.0,)),)),
    ("YE3-160L-4 15kW 效率(%) 92.1",
     (motor(model="YE3-160L-4", rated_power_kw=15.0, efficiency_pct=92.1),)),
    ("YE3-160M-2 11kW · 91.2 %",
     (motor(model="YE3-160M-2", rated_power_kw=11.0, efficiency_pct=91.2),)),
    ("YE4-225S-4 37kW 满载效率0.951",
     (motor(model="YE4-225S-4", rated_power_kw=37.0, efficiency_pct=95.1),)),
    ("IE2 88.5%", (motor(ie_class="IE2", efficiency_pct=88.5),)),
    # --- voltage and current lists, high voltage
    ("Y132M-4 7.5kW 220/380V 25.6/14.8A",
     (motor(model="Y132M-4", rated_power_kw=7.5, volts=(220.0, 380.0), amps=(25.6, 14.8)),)),
    ("YE3-280M-4 90kW 380/660V △/Y 1485r/min",
     (motor(model="YE3-280M-4", rated_power_kw=90.0, volts=(380.0, 660.0), rated_speed_rpm=1485.0),)),
    ("6kV 355kW 1490r/min Y4002-4 出厂2012.12",
     (motor(volts=(6000.0,), rated_power_kw=355.0, rated_speed_rpm=1490.0, model="Y4002-4", made="2012-12"),)),
    ("YKS4504-4 800kW 6000V 91.5A 1491r/min 2010年6月",
     (motor(model="YKS4504-4", rated_power_kw=800.0, volts=(6000.0,), amps=(91.5,), rated_speed_rpm=1491.0,
            made="2010-06"),)),
    ("3~ 380V 50Hz 0.75kW 1390r/min",
     (motor(phases=3, volts=(380.0,), frequency_hz=50.0, rated_power_kw=0.75, rated_speed_rpm=1390.0),)),
    ("单相电机 YL90S-2 1.1kW 220V",
     (motor(phases=1, model="YL90S-2", rated_power_kw=1.1, volts=(220.0,)),)),
    # --- dates
    ("Y160L-4 15kW 出厂日期2019年5月",
     (motor(model="Y160L-4", rated_power_kw=15.0, made="2019-05"),)),
    ("制造 2016 Y90S-4 1.1kW",
     (motor(made="2016", model="Y90S-4", rated_power_kw=1.1),)),
    ("YE3-180L-4 22kW 生产日期：2020/9/18",
     (motor(model="YE3-180L-4", rated_power_kw=22.0, made="2020-09"),)),
    ("Y160M-4 11kW 1460r/min 2019/05",  # a slashed year-month with no word: not read
     (motor(model="Y160M-4", rated_power_kw=11.0, rated_speed_rpm=1460.0, unread=("2019/05",)),)),
    # --- what a nameplate says that is not read (dropped) or cannot be read (listed)
    ("YE3-132M-4 7.5kW 380V 15.4A 1440r/min 50Hz IE3 效率90.4% 绝缘等级F IP55 S1 出厂编号 20190512 重量 68kg",
     (motor(model="YE3-132M-4", rated_power_kw=7.5, volts=(380.0,), amps=(15.4,), rated_speed_rpm=1440.0,
            frequency_hz=50.0, ie_class="IE3", efficiency_pct=90.4, insulation_class="F"),)),
    ("符合GB 18613-2020 YE3-132S-4 5.5kW IE3 功率因数0.84 40℃ 海拔1000m 噪声 78dB(A)",
     (motor(model="YE3-132S-4", rated_power_kw=5.5, ie_class="IE3"),)),
    ("YVF2-160M-4 11kW 变频 5-100Hz",
     (motor(model="YVF2-160M-4", rated_power_kw=11.0, unread=("变频 5-100Hz",)),)),
    ("负载率 75% 11kW 1460r/min",  # a percentage after a word that is not an efficiency label
     (motor(rated_power_kw=11.0, rated_speed_rpm=1460.0, unread=("负载率 75%",)),)),
    ("11kW 1460r/min 91% 93%",  # two unlabelled percentages: neither is the efficiency
     (motor(rated_power_kw=11.0, rated_speed_rpm=1460.0, unread=("91% 93%",)),)),
    ("YE3-160M-4 11kW 1460r/min 15kW",  # two powers: not read, both said
     (motor(model="YE3-160M-4", rated_speed_rpm=1460.0, unread=("11kW", "15kW")),)),
    ("电机功率11 效率 91.0 1460r/min",  # power needs its unit even after its label
     (motor(efficiency_pct=91.0, rated_speed_rpm=1460.0, unread=("电机功率11",)),)),
    ("Y132S-4 5.5kW 配 IS80-50-200 水泵",  # the series table picks the motor; the pump model is said
     (motor(model="Y132S-4", rated_power_kw=5.5, unread=("配 IS80-50-200 水泵",)),)),
    # --- several motors in one cell
    ("起升电机：YZR160M2-6 11KW；运行电机：YZR132M1-6 2.2KW；大车电机 ZDY21-4 0.8KW×2",
     (motor(label="起升电机", model="YZR160M2-6", rated_power_kw=11.0),
      motor(label="运行电机", model="YZR132M1-6", rated_power_kw=2.2),
      motor(label="大车电机", model="ZDY21-4", rated_power_kw=0.8, unread=("×2",)))),
    ("QD10t-22.5m 主起升电机YZR225M-8 22kW 副起升电机YZR160L-6 11kW\n小车运行电机YZR112M-6 1.5kW\n"
     "大车运行电机YZR132M2-6 3.7kW",
     (motor(label="主起升电机", model="YZR225M-8", rated_power_kw=22.0, unread=("QD10t-22.5m",)),
      motor(label="副起升电机", model="YZR160L-6", rated_power_kw=11.0),
      motor(label="小车运行电机", model="YZR112M-6", rated_power_kw=1.5),
      motor(label="大车运行电机", model="YZR132M2-6", rated_power_kw=3.7))),
    ("起升电机 见铭牌 旋转电机 ZDY21-4/0.75KW",  # a motor named but not described is still one of the cell's
     (motor(label="起升电机", unread=("见铭牌",)),
      motor(label="旋转电机", model="ZDY21-4", rated_power_kw=0.75))),
    ("1#电机 Y160M-4 11kW 1460r/min\n2#电机 Y160M-4 11kW 1460r/min",
     (motor(label="1#电机", model="Y160M-4", rated_power_kw=11.0, rated_speed_rpm=1460.0),
      motor(label="2#电机", model="Y160M-4", rated_power_kw=11.0, rated_speed_rpm=1460.0))),
    ("行走电机ZDY1 21-4 0.8kW*2；起升电机ZD1 41-4 7.5kW",
     (motor(label="行走电机", rated_power_kw=0.8, unread=("ZDY1 21-4", "*2")),
      motor(label="起升电机", rated_power_kw=7.5, unread=("ZD1 41-4",)))),
    ("水泵电机：YE3-160M-4 11kW 1460r/min",  # one named motor
     (motor(label="水泵电机", model="YE3-160M-4", rated_power_kw=11.0, rated_speed_rpm=1460.0),)),
    ("YE3-160M-4 11kW 主电机",  # the name after the values: one motor, not two
     (motor(model="YE3-160M-4", rated_power_kw=11.0),)),
    ("型号:M2QA160M4A 11kW 400V IE2 效率89.4% η=0.894",  # a labelled model is taken as written; two agreeing η
     (motor(model="M2QA160M4A", rated_power_kw=11.0, volts=(400.0,), ie_class="IE2", efficiency_pct=89.4),)),
    ("YE3-160M-4 11kW IE2/IE3",  # two IE classes: neither
     (motor(model="YE3-160M-4", rated_power_kw=11.0, unread=("IE2", "IE3")),)),
    ("Y250M-4 55kW 103A 1480r/min B级绝缘 1988年出厂 编号：880512",
     (motor(model="Y250M-4", rated_power_kw=55.0, amps=(103.0,), rated_speed_rpm=1480.0, insulation_class="B",
            made="1988"),)),
    # --- a model alone, or with one more statement: still a (poor) nameplate
    ("YE3-160M-4", (motor(model="YE3-160M-4"),)),
    ("YE3-160M-4 IP55", (motor(model="YE3-160M-4"),)),
    # --- nothing usable
    ("详见铭牌", ()),
    ("进口设备", ()),
    ("铭牌缺失，待补", ()),
    ("功率 750 电压 10 2016", ()),
    ("", ()),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[f"{i:02d}" for i in range(len(CASES))])
def test_reads_exactly_what_the_text_states(text: str, expected: tuple[Nameplate, ...]) -> None:
    assert read_nameplates(text) == expected


def test_there_are_many_shapes() -> None:
    assert len(CASES) >= 50


@pytest.mark.parametrize(("text", "expected"), [
    ("YE3-160M-4", False),  # a plain model cell
    ("YE3-160M-4 IP55", False),  # the IP code is not a quantity
    ("11kW", False),
    ("380V/6kV", False),  # two voltages are one quantity
    ("YE3-160M-4 11kW", True),  # a model and one quantity
    ("11kW 1460r/min", True),  # two quantities
    ("起升电机ZD31-4/3KW 旋转电机ZDY21-4/0.75KW", True),
    ("详见铭牌", False),
    ("", False),
])
def test_carries_nameplate(text: str, expected: bool) -> None:
    assert carries_nameplate(text) is expected


def test_unread_text_of_a_text_without_a_nameplate() -> None:
    assert unread_text("功率 750 电压 10 2016") == ("功率 750 电压 10 2016",)
    assert unread_text("见铭牌；功率 750；编号 A12") == ("功率 750",)
    assert unread_text("详见铭牌") == ()
    assert unread_text("YE3-160M-4 11kW") == ()  # it gave a nameplate: its own unread says the rest


def test_per_distinct_reads_each_text_once_and_aligns_with_the_rows() -> None:
    texts = pd.Series(["YE3-160M-4 11kW", None, "详见铭牌", "YE3-160M-4 11kW", 11.0, pd.NA],
                      index=[10, 11, 12, 13, 14, 15], dtype=object)
    read = nameplates_per_distinct(texts)
    one = (motor(model="YE3-160M-4", rated_power_kw=11.0),)
    assert read == [one, (), (), one, (), ()]  # 11.0 is a bare number: nothing


def test_per_distinct_on_an_empty_column() -> None:
    assert nameplates_per_distinct(pd.Series([], dtype="string")) == []


def test_nameplates_are_frozen_and_hashable() -> None:
    nameplate = read_nameplates("YE3-160M-4 11kW")[0]
    with pytest.raises(AttributeError):
        nameplate.model = "x"  # type: ignore[misc]
    assert hash(nameplate) == hash(motor(model="YE3-160M-4", rated_power_kw=11.0))


# ------------------------------------------------------------------------------------------------ properties

NUMERIC = ("rated_power_kw", "rated_voltage_v", "voltages_v", "frequency_hz", "current_a", "currents_a",
           "rated_speed_rpm", "poles", "phases", "ie_class", "efficiency_pct", "insulation_class", "manufactured")
# Characters seen on nameplates, so that arbitrary text reaches the patterns.
NAMEPLATE_CHARS = (string.ascii_letters + string.digits + " .,;:=/%-~#*×()·、；：\n" + "ηΗ℃°"
                   + "电机起升旋转功率效率转速分千瓦伏安赫兹极级制造出厂日期年月型号绝缘单三相编号重量")


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_never_raises_on_any_text(text: str) -> None:
    for nameplate in read_nameplates(text):
        assert isinstance(nameplate, Nameplate)
    assert isinstance(carries_nameplate(text), bool)
    assert isinstance(unread_text(text), tuple)


@given(st.text(alphabet=NAMEPLATE_CHARS, max_size=80))
@settings(max_examples=500, deadline=None)
def test_never_raises_on_nameplate_like_text(text: str) -> None:
    for nameplate in read_nameplates(text):
        assert nameplate.efficiency_pct is None or 0 < nameplate.efficiency_pct <= 100
        assert nameplate.poles is None or nameplate.poles % 2 == 0
        assert nameplate.manufactured is None or re.fullmatch(r"\d{4}(-\d{2})?", nameplate.manufactured)


bare_numbers = st.lists(
    st.one_of(st.integers(0, 100000).map(str),
              st.floats(0, 10000, allow_nan=False).map(lambda value: f"{value:.3f}".rstrip("0"))),
    min_size=1, max_size=8)
# Words that neither label a number nor carry a unit (makers, places, remarks).
plain_words = st.sampled_from(["上海电气", "卧龙", "佳木斯电机", "进口", "备用", "泵房", "三号车间", "详见铭牌", "ABB"])
separators = st.sampled_from([" ", "  ", "·", " · ", ",", "，", ";", "；", "、", "/", "\n", "|"])


@given(bare_numbers, st.lists(plain_words, max_size=3), separators)
@settings(max_examples=300, deadline=None)
def test_a_bare_number_is_never_read(numbers: list[str], words: list[str], separator: str) -> None:
    text = separator.join(words + numbers)
    for nameplate in read_nameplates(text):
        assert all(getattr(nameplate, name) in (None, ()) for name in NUMERIC), text


@given(st.sampled_from([text for text, expected in CASES if len(expected) == 1 and expected[0].label is None]),
       bare_numbers)
@settings(max_examples=200, deadline=None)
def test_a_bare_number_added_to_a_nameplate_changes_no_field(text: str, numbers: list[str]) -> None:
    before = read_nameplates(text)
    after = read_nameplates(text + " · " + " · ".join(numbers))
    assert len(after) == len(before) == 1
    for name in NUMERIC + ("model",):
        assert getattr(after[0], name) == getattr(before[0], name), (text, numbers, name)
