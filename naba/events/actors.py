"""CAMEO-style actor codes for actor and target spans: country (ISO alpha-3, as GDELT) + role.

``قوات الأمن العراقية`` -> IRQCOP, ``مفجرون انتحاريون`` -> UAF, ``وزارة الدفاع الأمريكية`` -> USAGOV.
The role comes from the agent lexicon (``naba/lang/ar/events_agents.tsv``, converted from
petrarch-ar by ``training/convert_petrarch_agents.py``): the longest agent phrase found earliest in
the span (Arabic puts the head first: ``قوات الأمن`` before ``العراقية``). The country comes from
an entity inside the span: a country (its ISO code through ``country_codes.tsv``), a place or a
person or organisation the knowledge base gives a country. A person with a title in the KB that
holds on the report date is GOV; an international organisation is IGO. When the KB offers
``actor_code(entity_id, date)`` (dated CAMEO codes from petrarch's actor dictionary), it wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from naba.events.morphology import Affixes
from naba.text.normalise import normalise_text
from naba.text.tokens import Token

RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "events"
ARMED_ROLES = frozenset({"UAF", "REB", "IMG", "INS"})  # roles that name attackers by what they are
IGO_KB_IDS_PREFIXES = ("org:un", "org:nato", "org:arab-league", "org:eu", "org:au", "org:gcc", "org:oic", "org:imf",
                       "org:who", "org:iaea", "org:opec", "org:icc", "org:world-bank", "org:asean", "org:wto")


def word_forms(form: str, m: Affixes) -> frozenset[str]:
    """A word with the article dropped and one number/case ending undone (متظاهرون -> متظاهر)."""
    forms = {form}
    definite = form.startswith(m.article) and len(form) > 4
    if definite:
        form = form[len(m.article):]
        forms.add(form)
        # a definite dual names two of the role (الوزيران، الرئيسان); a bare one may be a name (طالبان)
        if form.endswith(m.dual) and len(form) - len(m.dual) >= 3:
            forms.add(form[: -len(m.dual)])
    for ending in m.agent_plural_endings:  # not the dual ان: طالبان is a name, not two students
        if form.endswith(ending) and len(form) - len(ending) >= 3:
            stem = form[: -len(ending)]
            # a feminine plural (ات) may stand for a noun in ة
            forms |= {stem, stem + m.taa_marbuta} if ending == m.feminine_plural else {stem}
    if form.endswith(m.accusative) and len(form) > 3:  # accusative شخصا
        forms.add(form[:-1])
    if form.endswith(m.feminine) and len(form) > 3:  # feminine of an agent adjective: قوة مسلحة
        forms.add(form[:-1])
    return frozenset(forms)


def _key(word: str, article: str) -> str:
    return word[len(article):] if word.startswith(article) and len(word) > 4 else word


@dataclass(frozen=True)
class KbActor:
    type: str
    country: str | None  # ISO alpha-2 (upper case) of the entity or of its country
    titled: tuple[tuple[date | None, date | None], ...] = ()  # periods of office, for GOV on a date
    igo: bool = False
    is_country: bool = False


@dataclass
class ActorCoder:
    agents: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # first word -> (words, role), longest first
    alpha3: dict[str, str]
    kb: dict[str, KbActor]
    kb_coder: object | None = None  # a KB with actor_code(entity_id, date), when the KB offers one
    weak: frozenset[tuple[str, ...]] = frozenset()  # crowd words (آلاف) that yield to a later role
    affixes: Affixes | None = None
    # the forms of a token's splits, kept: the same words recur in every report
    _forms: dict = field(default_factory=dict, repr=False, compare=False)

    def token_forms(self, token: Token) -> tuple[str, ...]:
        """Every form of a token to look up, the longest (the word as written) first."""
        forms = self._forms.get(token.splits)
        if forms is None:
            out: set[str] = set()
            for _, stem in token.splits:
                out |= word_forms(stem, self.affixes)
            forms = tuple(sorted(out, key=lambda form: (-len(form), form)))  # a fixed order: no hash-seed dependence
            if len(self._forms) < 65536:
                self._forms[token.splits] = forms
        return forms

    @cached_property
    def countries(self) -> frozenset[str]:
        return frozenset(self.alpha3.values())

    @classmethod
    def load(cls, lang, kb_records: list[dict] | None = None, kb_coder=None) -> ActorCoder:
        by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        weak = set()
        affixes = Affixes.of(lang)
        for row in lang.table("events_agents"):
            words = tuple(_key(w, affixes.article) for w in normalise_text(row["phrase"]).split())
            if words:
                by_first.setdefault(words[0], []).append((words, row["role"]))
                if row.get("english", "").startswith("quantity"):
                    weak.add(words)
        agents = {k: tuple(sorted(v, key=lambda item: -len(item[0]))) for k, v in by_first.items()}
        alpha3 = {}
        for line in (RESOURCES / "country_codes.tsv").read_text("utf-8").splitlines():
            if line and not line.startswith("#") and not line.startswith("alpha2"):
                a2, a3 = line.split("\t")
                alpha3[a2] = a3
        return cls(agents, alpha3, _kb_actors(kb_records or []),
                   kb_coder if callable(getattr(kb_coder, "actor_code", None)) else None, frozenset(weak), affixes)

    def role(self, tokens: tuple[Token, ...], named: frozenset[int] = frozenset()) -> tuple[str | None, int | None]:
        """(role, token index) of the earliest, longest agent phrase in the tokens; a phrase that
        starts inside a place name (``named`` token indexes: الولايات المتحدة) is part of the name."""
        fallback = (None, None)
        for i in range(len(tokens)):
            if i in named:
                continue
            for form in self.token_forms(tokens[i]):  # the word as written first
                for words, role in self.agents.get(form, ()):
                    if i + len(words) <= len(tokens) and all(
                            words[k] in self.token_forms(tokens[i + k]) for k in range(1, len(words))):
                        if words not in self.weak:
                            return role, i
                        if fallback[0] is None:
                            fallback = (role, i)
        return fallback

    def armed(self, tokens: tuple[Token, ...]) -> bool:
        """A phrase of gunmen, rebels or militants (مسلحون، متمردون): they do the killing."""
        return self.role(tuple(tokens))[0] in ARMED_ROLES

    def is_agent(self, token: Token) -> bool:
        """A word that names who can act (المتظاهرين، القوات، مسلحون)."""
        return self.role((token,))[0] is not None

    def phrase_stands(self, tokens: tuple[Token, ...], entity_type, rival: str | None = None) -> bool:
        """Whether a phrase cut from the clause names a party by itself, so it beats the entity of
        type ``rival`` that the looser entity rules met nearby: an agent word (متظاهرون، القوات) or a
        count (ثلاثة جنود) always; a named party (``entity_type(token)`` PERSON/ORG/GPE) only over a
        place or a country's adjective (بغداد، باكستانيين), not over a person or organisation."""
        if not tokens:
            return False
        types = {entity_type(token) for token in tokens}
        if rival in ("PERSON", "ORG") and types & {"PERSON", "ORG"}:
            return False  # which of two named parties: the entity rules decide
        if tokens[0].is_number or self.role(tokens)[0] is not None:
            return True
        return rival not in ("PERSON", "ORG") and bool(types & {"PERSON", "ORG", "GPE"})

    def is_country(self, kb_id: str | None) -> bool:
        actor = self.kb.get(kb_id or "")
        return actor is not None and actor.is_country

    def entity_code(self, eid: str | None, kb_id: str | None, day: date | None) -> tuple[str | None, str | None]:
        """(country alpha-3, role) the KB gives an entity."""
        if kb_id and self.kb_coder is not None:
            try:
                code = self.kb_coder.actor_code(kb_id, day)
            except Exception:  # a KB API in flux must not stop an analysis
                code = None
            if code:
                if code[:3] in self.countries:
                    return code[:3], code[3:6] or None
                return None, code[:6]  # a non-state actor keeps its role: IMGREB (an armed group abroad)
        actor = self.kb.get(kb_id or "")
        if actor is None:
            return None, None
        country = self.alpha3.get(actor.country or "")
        if actor.igo:
            return None, "IGO"
        role = None
        if actor.type == "PERSON" and actor.titled:
            holds = day is None or any((s is None or s <= day) and (e is None or day < e) for s, e in actor.titled)
            role = "GOV" if holds else None
        return country, role

    def code(self, tokens: tuple[Token, ...], entities: list[tuple[str, str | None, str]], day: date | None,
             named: frozenset[int] = frozenset()) -> str | None:
        """The actor code of a span: ``entities`` are (entity id, kb id, type) inside it, in order."""
        role, _ = self.role(tokens, named)
        country = None
        for eid, kb_id, type_ in entities:
            c, r = self.entity_code(eid, kb_id, day)
            if r and r[:3] == "IGO" and role is None:
                return "IGO"
            country = country or c
            if r and not role and type_ in ("PERSON", "ORG"):
                role = r
            if country and role:
                break
        code = (country or "") + (role or "")
        return code or None


def _kb_actors(records: list[dict]) -> dict[str, KbActor]:
    from naba.entities.kb import parse_day

    countries = {r["id"]: (r.get("iso") or "").upper() for r in records if r.get("kind") == "country"}
    out = {}
    for record in records:
        eid = record["id"]
        country = countries.get(eid) or countries.get(record.get("country") or "")
        titled = tuple((parse_day(t.get("from")), parse_day(t.get("to"))) for t in record.get("titles") or ())
        igo = record.get("type") == "ORG" and eid.startswith(IGO_KB_IDS_PREFIXES) and not record.get("country")
        out[eid] = KbActor(record.get("type", ""), country or None, titled, igo, record.get("kind") == "country")
    return out
