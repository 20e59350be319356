"""The times layer: every category of the issue on sentences written for these tests, the sample
report's expressions against its publication time, and the span contract."""

from __future__ import annotations

import pytest

from naba.analysis import Analysis
from naba.record import Meta
from naba.times import TimeStage

FRIDAY_NIGHT = "2025-11-07T01:34:00"  # the sample report's publication time
SUNDAY_NOON = "2025-04-13T12:00:00"


@pytest.fixture(scope="module")
def stage() -> TimeStage:
    return TimeStage.load()


def tag(stage, text, published=SUNDAY_NOON):
    analysis = Analysis.of(text, Meta(published=published))
    times = stage(analysis)
    for t in times:
        assert text[t.start:t.end] == t.text
    return times


def one(stage, text, expression, published=SUNDAY_NOON):
    """The value and mod of the expression overlapping ``expression`` in ``text``."""
    start = text.index(expression)
    end = start + len(expression)
    hits = [t for t in tag(stage, text, published) if t.start < end and t.end > start]
    assert hits, f"nothing found for {expression!r} in {text!r}"
    return hits[0].value, hits[0].mod


@pytest.mark.parametrize("text, expression, value", [
    # explicit dates, Arabic-Indic digits, weekday + date, year cues, a date without a year
    ("وقعت الحكومة الاتفاق في 9 يناير 2024 بعد مفاوضات.", "9 يناير 2024", "2024-01-09"),
    ("صدر البيان الأحد ٢٣ مارس ٢٠٢٥ في المساء.", "الأحد ٢٣ مارس ٢٠٢٥", "2025-03-23"),
    ("تأسس المجلس عام 1981 في أبوظبي.", "عام 1981", "1981"),
    ("أعلن المرشح برنامجه في 2 أبريل أمام أنصاره.", "2 أبريل", "2025-04-02"),
    ("بلغت الصادرات ذروتها في يونيو 2019.", "يونيو 2019", "2019-06"),
    # Levantine/Iraqi, Maghrebi and paired month names
    ("تظاهر الطلاب في 8 كانون الثاني 2020.", "8 كانون الثاني 2020", "2020-01-08"),
    ("أعلن المجلس النتائج في 30 تشرين الأول 2024.", "30 تشرين الأول 2024", "2024-10-30"),
    ("صوت البرلمان في 17 يوليوز 2024.", "17 يوليوز 2024", "2024-07-17"),
    ("انطلقت الدورة في 4 غشت 2022.", "4 غشت 2022", "2022-08-04"),
    ("وقع الحادث في 5 جويلية 2023.", "5 جويلية 2023", "2023-07-05"),
    ("سقطت الحكومة في 12 يونيو حزيران 2021.", "12 يونيو حزيران 2021", "2021-06-12"),
    ("ضربت العاصفة المدينة في 3 أغسطس آب 2021.", "3 أغسطس آب 2021", "2021-08-03"),
    # numeric day/month/year and year/month/day
    ("اعتمد القرار بتاريخ 09/04/2025.", "09/04/2025", "2025-04-09"),
    ("نشر التعميم في 2025/3/2.", "2025/3/2", "2025-03-02"),
    # ordinal words
    ("قدم السفير أوراق اعتماده في الثاني عشر من فبراير.", "الثاني عشر من فبراير", "2025-02-12"),
    ("يبدأ المؤتمر في الرابع والعشرين من أبريل الجاري.", "الرابع والعشرين من أبريل الجاري", "2025-04-24"),
    ("عاد الوفد في التاسع من الشهر الجاري.", "التاسع من الشهر الجاري", "2025-04-09"),
    # Hijri
    ("صدر الأمر في 14 شعبان 1446 هـ.", "14 شعبان 1446 هـ", "2025-02-13"),
    ("تبدأ الإجازة في رمضان 1446.", "رمضان 1446", "2025-03"),
    # relative days
    ("أعلن الجيش اليوم السيطرة على التل.", "اليوم", "2025-04-13"),
    ("زار الوزير المصنع أمس.", "أمس", "2025-04-12"),
    ("التقى الطرفان أول من أمس.", "أول من أمس", "2025-04-11"),
    ("يعود البرلمان للانعقاد غداً.", "غداً", "2025-04-14"),
    ("تعلن النتائج بعد غد.", "بعد غد", "2025-04-15"),
    # weekdays: tense of the clause, الماضي/المقبل
    ("استقبل الرئيس الوفد الثلاثاء.", "الثلاثاء", "2025-04-08"),
    ("سيستقبل الرئيس الوفد الثلاثاء.", "الثلاثاء", "2025-04-15"),
    ("ومن المقرر أن يصل الوفد الجمعة.", "الجمعة", "2025-04-18"),
    ("عقد المجلس جلسته الأحد الماضي.", "الأحد الماضي", "2025-04-06"),
    ("تبدأ المفاوضات الخميس المقبل.", "الخميس المقبل", "2025-04-17"),
    # periods
    ("تراجعت الأسعار الأسبوع الماضي.", "الأسبوع الماضي", "2025-W14"),
    ("تعقد القمة الشهر المقبل.", "الشهر المقبل", "2025-05"),
    ("نما الاقتصاد العام الماضي.", "العام الماضي", "2024"),
    ("تنتهي المهلة في مايو المقبل.", "مايو المقبل", "2025-05"),
    ("انتهى العقد في مايو الماضي.", "مايو الماضي", "2024-05"),
    # offsets
    ("غادر السفير قبل خمسة أيام.", "قبل خمسة أيام", "2025-04-08"),
    ("تجري الانتخابات بعد ثلاثة أشهر.", "بعد ثلاثة أشهر", "2025-07"),
    ("توفي الشاعر قبل عشر سنوات.", "قبل عشر سنوات", "2015"),
    # parts of the day and clock times
    ("قصفت الطائرات الحي فجر أمس.", "فجر أمس", "2025-04-12TMO"),
    ("يلتقي الوزيران مساء غد.", "مساء غد", "2025-04-14TEV"),
    ("استهدف الهجوم القافلة عصر السبت.", "عصر السبت", "2025-04-12TAF"),
    ("بدأ التصويت الساعة السابعة صباحاً.", "الساعة السابعة صباحاً", "2025-04-13T07:00"),
    ("أغلقت الصناديق عند الساعة 7:30 م بتوقيت القاهرة.", "الساعة 7:30 م بتوقيت القاهرة", "2025-04-13T19:30"),
    ("اندلع الحريق أمس الساعة 4 عصراً.", "أمس الساعة 4 عصراً", "2025-04-12T16:00"),
    # decades and centuries
    ("عاشت البلاد أزمة اقتصادية في الثمانينيات.", "الثمانينيات", "198"),
    ("بني القصر في أربعينيات القرن الماضي.", "أربعينيات القرن الماضي", "194"),
    ("ازدهرت المدينة في القرن الثامن عشر.", "القرن الثامن عشر", "17"),
])
def test_values_by_category(stage, text, expression, value):
    assert one(stage, text, expression)[0] == value


@pytest.mark.parametrize("text, expression, value, mod", [
    ("استمرت الهدنة لمدة ثلاثة أسابيع.", "لمدة ثلاثة أسابيع", "P3W", None),
    ("أمهل المجلس الحكومة 72 ساعة.", "72 ساعة", "PT72H", None),
    ("يعيش اللاجئون في المخيم منذ أكثر من 10 سنوات.", "منذ أكثر من 10 سنوات", "P10Y", "MORE_THAN"),
    ("استغرق البناء نحو عامين.", "نحو عامين", "P2Y", "APPROX"),
    ("بقي في منصبه أقل من شهر.", "أقل من شهر", "P1M", "LESS_THAN"),
    ("تنتهي الأشغال مطلع العام المقبل.", "مطلع العام المقبل", "2026", "START"),
    ("انخفضت البطالة منتصف الشهر الماضي.", "منتصف الشهر الماضي", "2025-03", "MID"),
    ("وقعت المعركة أواخر عام 1973.", "أواخر عام 1973", "1973", "END"),
    ("ظهرت الفرقة في أواخر الستينيات.", "أواخر الستينيات", "196", "END"),
])
def test_durations_and_modifiers(stage, text, expression, value, mod):
    assert one(stage, text, expression) == (value, mod)


def test_a_range_gives_two_expressions_the_first_borrowing_month_and_year(stage):
    times = tag(stage, "يقام المهرجان من 7 إلى 9 مايو 2025 في الرباط.")
    assert [(t.text, t.value) for t in times] == [("7", "2025-05-07"), ("9 مايو 2025", "2025-05-09")]


def test_a_dateline_in_the_text_becomes_a_clock_time(stage):
    assert one(stage, "الجمعة 07 نوفمبر 2025 - 01:34 ص", "الجمعة") == ("2025-11-07T01:34", None)
    assert one(stage, "الخميس 06 نوفمبر 2025 - 11:05 م", "الخميس") == ("2025-11-06T23:05", None)


def test_relative_expressions_have_no_value_without_a_publication_time(stage):
    times = tag(stage, "وصل الوفد أمس، وكان الاتفاق قد وقع في 6 نوفمبر 2025.", published=None)
    assert [(t.text, t.value) for t in times] == [("أمس", None), ("6 نوفمبر 2025", "2025-11-06")]


def test_words_that_only_look_like_times_are_left_alone(stage):
    text = "قال الأمين العام إن المدير العام عقد اجتماعاً مع اللجنة، ومارس ضغوطاً على الشركة."
    assert tag(stage, text) == []


def test_the_sample_report_against_its_publication_time(stage, sample_document):
    text = sample_document.text
    assert sample_document.meta.published == FRIDAY_NIGHT
    times = stage(Analysis.of(text, sample_document.meta))
    by_text = {t.text: (t.value, t.mod) for t in times}
    for t in times:
        assert text[t.start:t.end] == t.text
    assert by_text["الخميس 6 نوفمبر 2025"] == ("2025-11-06", None)
    # published on Friday: "last Thursday" is the day before (see naba.times.normalise)
    assert by_text["الخميس الماضي"] == ("2025-11-06", None)
    # "will take place Thursday evening" in a report stamped 01:34 on Friday: the news day is Thursday
    assert by_text["مساء الخميس"] == ("2025-11-06TEV", None)
    assert by_text["منذ أكثر من 30 عاماً"] == ("P30Y", "MORE_THAN")
    assert by_text["اليوم"] == ("2025-11-07", None)


def test_the_sample_dateline(stage, sample_path):
    raw = sample_path.read_text(encoding="utf-8")
    header = raw[: raw.index("\n\n", raw.index("2025")) if "\n\n" in raw else 200]
    times = stage(Analysis.of(header, Meta(published=FRIDAY_NIGHT)))
    assert [(t.value, t.mod) for t in times] == [("2025-11-07T01:34", None)]


def test_the_news_day_applies_only_to_reports_stamped_in_the_small_hours(stage):
    text = "سيجري الإعلان الرسمي مساء الخميس."
    assert one(stage, text, "مساء الخميس", published="2025-11-07T01:34:00") == ("2025-11-06TEV", None)
    assert one(stage, text, "مساء الخميس", published="2025-11-07T09:00:00") == ("2025-11-13TEV", None)
    assert one(stage, text, "مساء الخميس", published="2025-11-07") == ("2025-11-13TEV", None)


def test_the_pipeline_runs_the_times_layer():
    from naba.pipeline import Pipeline
    from naba.record import Document

    text = "أعلنت الحكومة أمس أن الانتخابات ستجرى في 12 مارس 2026."
    report = Pipeline(["times"]).analyze(Document(text=text, meta=Meta(published="2025-11-07T10:00:00")))
    assert [(t.text, t.value) for t in report.times] == [("أمس", "2025-11-06"), ("12 مارس 2026", "2026-03-12")]


def test_dates_quoted_in_latin_script_are_parsed_by_dateparser(stage):
    text = "ونشرت الصحيفة (Nov 7, 2025) تقريراً عن الاتفاق، ثم ردّ البيت الأبيض في 8 novembre 2025."
    assert [(t.text, t.value) for t in tag(stage, text)] == [("Nov 7, 2025", "2025-11-07"), ("8 novembre 2025", "2025-11-08")]
    assert tag(stage, "شارك فريق Covid 19, 2020 في الدراسة.") == []


def test_next_or_last_month_name_with_a_day_of_the_publication_month(stage):
    published = "2015-08-06T10:00:00"
    assert one(stage, "ويعقد الاجتماع في 27 أغسطس المقبل.", "27 أغسطس المقبل", published)[0] == "2015-08-27"
    assert one(stage, "وعقد الاجتماع في 3 أغسطس الماضي.", "3 أغسطس الماضي", published)[0] == "2015-08-03"
    assert one(stage, "ويعقد الاجتماع في 3 أغسطس المقبل.", "3 أغسطس المقبل", published)[0] == "2016-08-03"


def test_a_length_counted_from_an_event_is_no_date(stage):
    published = "2015-08-10T10:00:00"
    assert one(stage, "بعد ثلاثة أيام على هيروشيما، أحيت ناغازاكي ذكرى الهجوم.", "بعد ثلاثة أيام", published)[0] == "P3D"
    assert one(stage, "وسيعقد الاجتماع بعد ثلاثة أيام من الآن.", "بعد ثلاثة أيام", published)[0] == "2015-08-13"


def test_a_future_word_in_the_next_sentence_does_not_make_a_date_future(stage):
    text = "وأيد اليونانيون الاتفاق في الاستفتاء الذي أجري في الخامس من يوليو تموز. وستكون أمامه أيام."
    assert one(stage, text, "الخامس من يوليو", "2015-07-21T10:00:00")[0] == "2015-07-05"
