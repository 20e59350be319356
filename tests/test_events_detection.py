"""Event versus mention, and the type a clause reports, on sentences written for these tests.

Each sentence is analysed by the whole pipeline (entities, times, attributions, events), as a report
is. "Reported" is the detection the GSR evaluation counts: status happened, announced or ongoing.
The sentences are our own; none is taken from ../shared.
"""

from __future__ import annotations

import pytest

from naba.pipeline import Pipeline
from naba.record import Document

REPORTED = {"happened", "announced", "ongoing"}


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def events(pipeline, text):
    return pipeline.analyze(Document(text=text)).events


def reported(pipeline, text, type_):
    return [e for e in events(pipeline, text) if e.type == type_ and e.status in REPORTED]


def with_trigger(found, word):
    hits = [e for e in found if any(s.text == word for s in e.evidence)]
    assert hits, f"{word!r} in {[(e.type, e.status, [s.text for s in e.evidence]) for e in found]}"
    return hits[0]


# ---------------------------------------------------------------- a condemnation is the event

def test_a_condemned_bombing_is_referenced_and_the_condemnation_is_about_it(pipeline):
    found = events(pipeline, "أدانت الحكومة بشدة التفجير الذي استهدف سوقا شعبية في المدينة.")
    condemn, bombing = with_trigger(found, "أدانت"), with_trigger(found, "تفجير")
    assert (condemn.type, condemn.status) == ("ACCUSE", "happened")
    assert (bombing.type, bombing.status) == ("ASSAULT", "referenced")
    assert condemn.about == found.index(bombing)


def test_a_charge_names_an_act_it_does_not_report(pipeline):
    text = "وجهت النيابة إلى المتهمين الثلاثة تهمة القتل العمد والخطف في قضية تعود إلى العام الماضي."
    assert reported(pipeline, text, "ASSAULT") == []


# ---------------------------------------------------------------- accidents and figures of speech

def test_a_gas_cylinder_that_explodes_is_no_assault(pipeline):
    text = "انفجرت أسطوانة غاز في مطعم بوسط المدينة أمس وأصيب ثلاثة عمال بحروق."
    assert reported(pipeline, text, "ASSAULT") == []


def test_an_order_issued_by_the_court_is_no_seizure(pipeline):
    text = "وجاء القرار بتوجيه كان صادراً من الديوان الملكي مساء أمس."
    assert [e for e in events(pipeline, text) if e.type == "COERCE"] == []


def test_a_word_with_tanween_is_no_verb(pipeline):
    text = "واحتفلت المؤسسة أمس بتخريج ثلاثين طالباً وطالبة من برنامج إعداد القادة."
    assert [e for e in events(pipeline, text) if e.type == "REQUEST"] == []


def test_deaths_in_a_road_accident_are_no_assault(pipeline):
    assert reported(pipeline, "قتل خمسة أشخاص في حادث سير على الطريق السريع أمس.", "ASSAULT") == []


def test_a_verbal_attack_in_a_press_conference_is_a_criticism(pipeline):
    found = events(pipeline, "شن الوزير هجوما على المعارضة في مؤتمر صحافي عقده بمقر الحزب.")
    attack = with_trigger(found, "هجوما")
    assert attack.type == "ACCUSE"
    assert not [e for e in found if e.type == "ASSAULT"]


def test_a_suicide_attack_stays_an_assault(pipeline):
    found = reported(pipeline, "قتل ثلاثة أشخاص أمس في هجوم انتحاري بسيارة مفخخة استهدف حاجزا للشرطة.", "ASSAULT")
    assert found, "the attack and its toll are reported"


def test_a_killing_with_no_time_toll_or_weapon_is_no_report(pipeline):
    # rhetoric: a kind of act, no particular event
    assert reported(pipeline, "ولا يمكن لأي دين أن يبرر قتل الأبرياء وترويع الآمنين.", "ASSAULT") == []


def test_a_bare_imperfect_of_violence_describes_a_habit(pipeline):
    found = events(pipeline, "العصابات المسلحة تخطف المسافرين على هذا الطريق.")
    abduct = with_trigger(found, "تخطف")
    assert (abduct.type, abduct.status) == ("ASSAULT", "referenced")


def test_a_killing_coordinated_with_a_verbal_noun_is_a_noun(pipeline):
    found = events(pipeline, "وتحدث التقرير عن عمليات اختطاف وقتل في الأحياء الفقيرة.")
    killing = with_trigger(found, "قتل")
    assert killing.status == "referenced"


# ---------------------------------------------------------------- protests

def test_a_sit_in_is_a_protest(pipeline):
    event = with_trigger(reported(pipeline, "اعتصم عشرات العمال أمس أمام مقر وزارة العمل.", "PROTEST"), "اعتصم")
    assert event.mode == "demo"


def test_a_formal_complaint_to_an_embassy_is_no_street_protest(pipeline):
    found = events(pipeline, "احتجت وزارة الخارجية رسميا لدى السفير على تصريحات الوزير.")
    complaint = with_trigger(found, "احتجت")
    assert (complaint.type, complaint.cameo) == ("ACCUSE", "114")
    assert not [e for e in found if e.type == "PROTEST"]


def test_chants_join_the_protest_they_belong_to(pipeline):
    text = "تظاهر مئات الطلاب أمس أمام الجامعة وردد المتظاهرون هتافات ضد الغلاء."
    protest = with_trigger(reported(pipeline, text, "PROTEST"), "تظاهر")
    assert "ردد" in {s.text for s in protest.evidence} | {s.text for e in events(pipeline, text) for s in e.evidence}


def test_chants_alone_tell_no_protest(pipeline):
    assert reported(pipeline, "وردد المشجعون هتافات ضد الحكم بعد نهاية المباراة.", "PROTEST") == []


def test_protesters_describing_an_imperfect_are_no_report(pipeline):
    assert reported(pipeline, "المتظاهرون يحتجون على كل قرار جديد للحكومة.", "PROTEST") == []


def test_qad_before_a_perfect_is_emphasis_not_a_hypothesis(pipeline):
    found = reported(pipeline, "وكان مئات الطلاب قد تظاهروا أمس أمام الوزارة.", "PROTEST")
    assert with_trigger(found, "تظاهروا").status == "happened"


def test_a_light_verb_far_from_its_protest_noun_governs_it(pipeline):
    text = "قام عشرات المعلمين في العاصمة أمس بالاحتجاج على تأخر الرواتب."
    assert with_trigger(reported(pipeline, text, "PROTEST"), "احتجاج").status == "happened"


def test_a_gathering_place_is_no_gathering(pipeline):
    text = "واعتقلت الشرطة الناشط قبل وصوله إلى موقع تجمع المتظاهرين."
    assert reported(pipeline, text, "PROTEST") == []


# ---------------------------------------------------------------- questions and claims

def test_an_act_in_a_question_is_not_told_as_fact(pipeline):
    found = events(pipeline, "هل اعتقلت الشرطة المتهم الثاني أمس في العاصمة؟")
    assert with_trigger(found, "اعتقلت").status == "hypothetical"


def test_a_claimed_torture_is_not_asserted(pipeline):
    found = events(pipeline, "وزعم السجين أنه تعرض للتعذيب على أيدي المحققين قبل عامين.")
    assert with_trigger(found, "تعذيب").status == "hypothetical"


def test_a_toll_since_a_date_is_a_tally_not_one_attack(pipeline):
    assert reported(pipeline, "وقتل 40 صحافيا في البلاد منذ بداية الحرب الأهلية.", "ASSAULT") == []


def test_an_attack_a_patrol_underwent_is_no_purpose(pipeline):
    text = "وتعرضت دورية للشرطة في أطراف المدينة لهجوم بالأسلحة الخفيفة مساء الخميس."
    assert with_trigger(reported(pipeline, text, "ASSAULT"), "هجوم").status == "happened"


def test_a_bomber_who_blew_himself_up(pipeline):
    text = "وفجر انتحاري نفسه أمس قرب مدخل السوق المركزي في البلدة."
    assert with_trigger(reported(pipeline, text, "ASSAULT"), "فجر").mode == "explosives"


# ---------------------------------------------------------------- a relative clause on a person is backstory

def test_an_attack_in_a_relative_clause_on_a_person_is_backstory(pipeline):
    text = "زار الوفد ضريح الوزير السابق الذي اغتيل في تفجير سيارة مفخخة في العاصمة قبل سنوات."
    assert reported(pipeline, text, "ASSAULT") == []
    assert any(e.type == "ASSAULT" and e.status == "referenced" for e in events(pipeline, text))


def test_victims_described_by_a_relative_clause_are_backstory(pipeline):
    text = "التقى المحافظ ذوي الجنود الذين تم قتلهم من قبل المسلحين في الجبال."
    assert reported(pipeline, text, "ASSAULT") == []


def test_a_relative_clause_dated_to_the_news_day_is_the_news(pipeline):
    text = "نعت الحكومة النائب الذي قتل مع مرافقيه في تفجير استهدف موكبه في العاصمة أمس."
    assert reported(pipeline, text, "ASSAULT")


def test_a_relative_clause_on_an_event_noun_describes_the_event(pipeline):
    text = "قتل أربعة جنود في الهجوم الذي شنه مسلحون على حاجز للجيش شمال البلاد ليلة الأحد."
    assert reported(pipeline, text, "ASSAULT")
    text = "أصيب عشرة أشخاص في الانفجار الذي وقع قرب السوق عندما انفجرت عبوة ناسفة صباح اليوم."
    assert reported(pipeline, text, "ASSAULT")


def test_the_main_clause_after_a_relative_clause_is_reported(pipeline):
    text = "اقتحم المسلحون الذين وصلوا إلى القرية فجرا منزل المختار، وقتلوا ثلاثة من أبنائه."
    assert reported(pipeline, text, "ASSAULT")


# ---------------------------------------------------------------- a threat is no attack

def test_a_killing_threatened_is_not_reported(pipeline):
    text = "قال الصحفي إنه تعرض للتهديد بالقتل من جماعة مسلحة بعد نشر تحقيقه الأخير."
    assert reported(pipeline, text, "ASSAULT") == []
    text = "هدد الخاطفون بقتل الرهينتين خلال يومين إذا لم تفرج السلطات عن رفاقهم."
    assert reported(pipeline, text, "ASSAULT") == []


def test_a_killing_after_a_threat_is_reported(pipeline):
    text = "قتل مسلحون ثلاثة من الرهائن صباح أمس بعد أن هددوا الحكومة بذلك."
    assert reported(pipeline, text, "ASSAULT")
