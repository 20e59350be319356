"""Full-text search over Arabic as readers spell it, behind one interface for SQLite and PostgreSQL.

Neither FTS5 nor PostgreSQL's ``simple`` parser knows Arabic clitics or spelling variants, so the
text is prepared in Python (hand-written because no torch-free Arabic stemmer keeps this exact
behaviour): each word is normalised (``naba.text.normalise``: diacritics, tatweel, alef/ya/teh
marbuta forms, digits) and indexed by its most-stripped clitic split (``naba.text.tokens``), so
ونتنياهو and لنتنياهو are indexed as نتنياهو. A query word matches any of its own splits, which
covers words whose first letters only look like clitics (سلام, indexed as لام, still matches).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice, product

from sqlalchemy import text as sql
from sqlalchemy.engine import Connection

from functools import cache, lru_cache

from naba.lang.language import default
from naba.text.normalise import normalise_text
from naba.text.tokens import TOKEN_RE, Token, clitic_splits, tokenize

MAX_PHRASE_VARIANTS = 64
_NON_WORD = re.compile(r"\W+")
SNIPPET_CHARS = 220


def _is_word(token: Token) -> bool:
    return token.norm[:1].isalnum()


@lru_cache(maxsize=262144)
def _index_form(surface: str) -> str:
    """The indexed form of one word: ``Token.bare()`` (normalised, most-stripped split); '' for punctuation."""
    norm = normalise_text(surface)
    if not norm[:1].isalnum():
        return ""
    return _clean(clitic_splits(norm)[0][1] if 0x0621 <= ord(norm[0]) <= 0x06FF else norm)


def _clean(form: str) -> str:
    """Letters and digits only (don't -> dont, 1,000 -> 1000): both full-text engines then see one word."""
    return _NON_WORD.sub("", form)


def index_text(text: str | None) -> str:
    """The form a text is indexed under: one clitic-stripped normalised word per token."""
    if not text:
        return ""
    return " ".join(form for form in map(_index_form, TOKEN_RE.findall(text)) if form)


def _word_variants(token: Token) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in map(_clean, token.stems()) if v))


@dataclass(frozen=True)
class Query:
    """A parsed query: AND of clauses; a clause is a phrase (quoted) or one word, each word with its variants."""

    clauses: tuple[tuple[tuple[str, ...], ...], ...]

    @property
    def empty(self) -> bool:
        return not self.clauses

    def terms(self) -> set[str]:
        return {variant for clause in self.clauses for word in clause for variant in word}


def parse_query(query: str) -> Query:
    """Quoted parts are phrases; other words must all occur (in any order)."""
    clauses = []
    for quoted, bare in re.findall(r'"([^"]*)"|(\S+)', query):
        words = tuple(_word_variants(t) for t in tokenize(quoted or bare) if _is_word(t))
        if not words:
            continue
        if quoted:
            clauses.append(words)
        else:
            clauses.extend((word,) for word in words)
    return Query(tuple(clauses))


def _phrases(clause: tuple[tuple[str, ...], ...]) -> list[tuple[str, ...]]:
    return list(islice(product(*clause), MAX_PHRASE_VARIANTS))  # never the whole product: 2**100 for a long phrase


def fts5_expression(query: Query) -> str:
    """The FTS5 MATCH expression: clauses ANDed, each an OR of its phrase variants."""
    parts = []
    for clause in query.clauses:
        phrases = ['"' + " ".join(words) + '"' for words in _phrases(clause)]
        parts.append("(" + " OR ".join(phrases) + ")")
    return " AND ".join(parts)


def tsquery_expression(query: Query) -> str:
    """The PostgreSQL tsquery: words as OR groups, phrases joined by <->, clauses by &."""
    parts = []
    for clause in query.clauses:
        groups = ["(" + " | ".join(f"'{w}'" for w in word) + ")" for word in clause]
        parts.append("(" + " <-> ".join(groups) + ")")
    return " & ".join(parts)


@dataclass(frozen=True)
class RawHit:
    report_pk: int
    score: float


class SearchIndex:
    """One interface over both dialects: ``add`` a report's title and text, ``search`` a parsed query.

    ``restrict`` is an SQL fragment over ``reports`` (alias r) with its parameters, for date and entity filters.
    """

    def __init__(self, dialect: str):
        self.dialect = dialect

    def add_many(self, conn: Connection, docs: list[tuple[int, str, str]]) -> None:
        """Index reports given as (report pk, title, body), title and body already in ``index_text`` form."""
        if not docs:
            return
        params = [{"pk": pk, "title": title, "body": body} for pk, title, body in docs]
        if self.dialect == "sqlite":
            conn.execute(sql("INSERT INTO search_fts(rowid, title, body) VALUES (:pk, :title, :body)"), params)
        else:
            conn.execute(sql(
                "INSERT INTO search_docs(report_pk, tsv) VALUES (:pk, "
                "setweight(to_tsvector('simple', :title), 'A') || setweight(to_tsvector('simple', :body), 'B')) "
                "ON CONFLICT (report_pk) DO NOTHING"
            ), params)

    def search(
        self, conn: Connection, query: Query, limit: int, offset: int, restrict: str = "", params: dict | None = None
    ) -> list[RawHit]:
        if query.empty:
            return []
        params = dict(params or {}, limit=limit, offset=offset)
        where = f" AND {restrict}" if restrict else ""
        if self.dialect == "sqlite":
            params["q"] = fts5_expression(query)
            # bm25 is lower-is-better; a title match weighs 3x a body match.
            rows = conn.execute(sql(
                "SELECT r.pk, -bm25(search_fts, 3.0, 1.0) AS score FROM search_fts JOIN reports r ON r.pk = search_fts.rowid "
                f"WHERE search_fts MATCH :q{where} ORDER BY score DESC, r.pk LIMIT :limit OFFSET :offset"
            ), params)
        else:
            params["q"] = tsquery_expression(query)
            rows = conn.execute(sql(
                "SELECT r.pk, ts_rank_cd(d.tsv, q) AS score FROM search_docs d JOIN reports r ON r.pk = d.report_pk, "
                f"to_tsquery('simple', :q) q WHERE d.tsv @@ q{where} ORDER BY score DESC, r.pk LIMIT :limit OFFSET :offset"
            ), params)
        return [RawHit(row[0], float(row[1])) for row in rows]


def snippet(text: str, query: Query, width: int = SNIPPET_CHARS) -> tuple[str, list[tuple[int, int]]]:
    """A window of the original text around the densest run of matches, and the matches' offsets in it."""
    terms = query.terms()
    matched = _matches(text, frozenset(terms))  # as the index matched
    if not matched:
        window = text[:width]
        return window.strip(), []
    best_start, best_count = matched[0][0], 0
    for i, (token_start, _) in enumerate(matched):  # the window start that covers most matches
        count = sum(1 for _, other_end in matched[i:i + 50] if other_end <= token_start + width)
        if count > best_count:
            best_start, best_count = token_start, count
    start = max(0, best_start - width // 4)
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while start < best_start and text[start].isspace():
        start += 1
    end = min(len(text), start + width)
    while end < len(text) and not text[end].isspace():
        end += 1
    marks = [(s - start, e - start) for s, e in matched if s >= start and e <= end]
    return text[start:end], marks


@lru_cache(maxsize=1)
def _spellings() -> tuple[dict[str, str], str]:
    """Every character that normalises to a given one (ا: اأإآ...), and the characters that vanish
    (diacritics, tatweel, joiners): the inverse of ``normalise_text`` over the Arabic block."""
    from collections import defaultdict

    inverse: dict[str, set[str]] = defaultdict(set)
    silent = []
    for code in [*range(0x0600, 0x0700), *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF]:
        ch = chr(code)
        folded = normalise_text(ch)
        if folded == "":
            silent.append(ch)
        elif len(folded) == 1 and folded != ch:
            inverse[folded].add(ch)
    return {k: "".join(sorted(v | {k})) for k, v in inverse.items()}, "".join(silent)


@lru_cache(maxsize=2048)
def _candidates(terms: frozenset[str]) -> re.Pattern:
    """A regex finding the ends of words that may index as one of ``terms`` (any spelling of each
    letter, diacritics anywhere): one C-level scan instead of normalising every word of the text."""
    variants, silent = _spellings()
    gap = f"[{re.escape(silent)}]*"
    alternatives = []
    for term in sorted(terms, key=len, reverse=True):
        letters = [f"[{re.escape(variants[ch])}]" if ch in variants else re.escape(ch) for ch in term]
        alternatives.append(gap.join(letters))
    return re.compile("(?:" + "|".join(alternatives) + ")" + gap + r"(?!\w)", re.IGNORECASE)


def _matches(text: str, terms: frozenset[str]) -> list[tuple[int, int]]:
    """Spans of the words of ``text`` whose indexed form is one of ``terms``."""
    if not terms:
        return []
    _, silent = _spellings()
    found, last_end = [], -1
    for match in _candidates(terms).finditer(text):
        start = match.start()
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in silent):
            start -= 1
        end = match.end()
        if start >= last_end and _index_form(text[start:end]) in terms:
            found.append((start, end))
            last_end = end
    return found


# ---- boolean queries: OR, NOT, phrases, parentheses --------------------------------------------

class QuerySyntaxError(ValueError):
    """A query the parser cannot read (unbalanced quotes or brackets, a dangling OR, nothing to find);
    the message says what is wrong, for a 400 answer rather than a database error."""


@dataclass(frozen=True)
class Term:
    """One word (its clitic-split variants) or a phrase (a tuple of such words)."""

    words: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Node:
    """``op`` is "and", "or" or "not" (one child)."""

    op: str
    children: tuple


_LEX = re.compile(r'\s*(?:(")|(\()|(\))|(-)(?=\S)|([^\s()"]+))')


@cache
def _operators() -> dict[str, str]:
    """Query words that are operators (OR, أو, NOT, ليس...): naba/lang/ar/search_operators.tsv."""
    return default().mapping("search_operators", "word", "operator")


def _lex(query: str) -> list[tuple[str, object]]:
    tokens, pos = [], 0
    while pos < len(query):
        if query[pos:].strip() == "":
            break
        match = _LEX.match(query, pos)
        if not match:  # cannot happen with this pattern, kept as a guard
            raise QuerySyntaxError(f"cannot read the query at character {pos + 1}")
        quote, opening, closing, minus, word = match.groups()
        pos = match.end()
        if quote:
            end = query.find('"', pos)
            if end < 0:
                raise QuerySyntaxError('a quotation mark (") is not closed')
            words = tuple(_word_variants(t) for t in tokenize(query[pos:end]) if _is_word(t))
            pos = end + 1
            if words:
                tokens.append(("term", Term(words)))
        elif opening:
            tokens.append(("(", None))
        elif closing:
            tokens.append((")", None))
        elif minus:
            tokens.append(("not", None))
        elif _operators().get(word) == "or":
            tokens.append(("or", None))
        elif _operators().get(word) == "not":
            tokens.append(("not", None))
        elif _operators().get(word) == "and":
            continue
        else:
            for token in tokenize(word):
                if _is_word(token):
                    tokens.append(("term", Term((_word_variants(token),))))
    return tokens


class _Parser:
    """or_expr := and_expr (OR and_expr)*; and_expr := unary+; unary := NOT unary | ( or_expr ) | term."""

    def __init__(self, tokens):
        self.tokens, self.i = tokens, 0

    def peek(self):
        return self.tokens[self.i][0] if self.i < len(self.tokens) else None

    def parse(self):
        node = self.or_expr()
        if self.peek() == ")":
            raise QuerySyntaxError("a closing bracket ')' has no opening one")
        if self.peek() is not None:
            raise QuerySyntaxError("cannot read the end of the query")
        return node

    def or_expr(self):
        children = [self.and_expr()]
        while self.peek() == "or":
            self.i += 1
            if self.peek() in (None, ")", "or"):
                raise QuerySyntaxError("OR needs a word on both sides")
            children.append(self.and_expr())
        return children[0] if len(children) == 1 else Node("or", tuple(children))

    def and_expr(self):
        children = []
        while self.peek() in ("term", "not", "("):
            children.append(self.unary())
        if not children:
            if self.peek() == "or":
                raise QuerySyntaxError("OR needs a word on both sides")
            if self.peek() == ")":
                raise QuerySyntaxError("empty brackets or a ')' without '('")
            raise QuerySyntaxError("the query has no word to search for")
        return children[0] if len(children) == 1 else Node("and", tuple(children))

    def unary(self):
        kind, value = self.tokens[self.i]
        self.i += 1
        if kind == "not":
            if self.peek() not in ("term", "(", "not"):
                raise QuerySyntaxError("NOT (or -) needs a word after it")
            return Node("not", (self.unary(),))
        if kind == "(":
            node = self.or_expr()
            if self.peek() != ")":
                raise QuerySyntaxError("a bracket '(' is not closed")
            self.i += 1
            return node
        return value


@dataclass(frozen=True)
class BooleanQuery:
    """A parsed boolean query; ``positive`` are the terms a hit contains (for snippets and highlights)."""

    root: object
    text: str

    def terms(self) -> set[str]:
        found: set[str] = set()

        def walk(node, negated):
            if isinstance(node, Term):
                if not negated:
                    found.update(v for word in node.words for v in word)
            else:
                for child in node.children:
                    walk(child, negated ^ (node.op == "not"))

        walk(self.root, False)
        return found


def parse_boolean(query: str) -> BooleanQuery:
    """Words are ANDed; ``OR`` (or ``أو``) between alternatives; ``NOT word``/``-word`` excludes;
    "quoted phrases" keep order; brackets group. Raises QuerySyntaxError on what it cannot read."""
    tokens = _lex(query)
    if not tokens:
        raise QuerySyntaxError("the query has no word to search for")
    root = _Parser(tokens).parse()
    _check_positive(root)
    return BooleanQuery(root, query)


def _check_positive(node) -> None:
    """Every AND needs one part that must occur, and OR alternatives cannot be bare negations:
    neither engine can list 'every report without X' from its index."""
    if isinstance(node, Term):
        return
    if node.op == "not":
        raise QuerySyntaxError("a query (or an OR alternative) cannot be only NOT: add a word that must occur")
    if node.op == "and":
        positives = [c for c in node.children if not (isinstance(c, Node) and c.op == "not")]
        if not positives:
            raise QuerySyntaxError("a query (or an OR alternative) cannot be only NOT: add a word that must occur")
        for child in positives:
            _check_positive(child)
        for child in node.children:
            if isinstance(child, Node) and child.op == "not":
                inner = child.children[0]
                if not (isinstance(inner, Node) and inner.op == "not"):
                    _check_negated(inner)
    else:
        for child in node.children:
            _check_positive(child)


def _check_negated(node) -> None:
    if isinstance(node, Term):
        return
    if node.op == "not":
        raise QuerySyntaxError("NOT NOT is not supported")
    for child in node.children:
        if child.__class__ is Node and child.op == "not":
            raise QuerySyntaxError("NOT inside a NOT group is not supported")
        _check_negated(child)


def _fts5_term(term: Term) -> str:
    phrases = ['"' + " ".join(words) + '"' for words in islice(product(*term.words), MAX_PHRASE_VARIANTS)]
    return "(" + " OR ".join(phrases) + ")"


def boolean_fts5(query: BooleanQuery) -> str:
    """The FTS5 MATCH expression (FTS5's NOT is binary: ``a NOT b``)."""

    def emit(node) -> str:
        if isinstance(node, Term):
            return _fts5_term(node)
        if node.op == "or":
            return "(" + " OR ".join(emit(c) for c in node.children) + ")"
        positives = [c for c in node.children if not (isinstance(c, Node) and c.op == "not")] if node.op == "and" else []
        negatives = [c.children[0] for c in node.children if isinstance(c, Node) and c.op == "not"]
        out = "(" + " AND ".join(emit(c) for c in positives) + ")"
        for negative in negatives:
            out = f"({out} NOT {emit(negative)})"
        return out

    return emit(query.root)


def boolean_tsquery(query: BooleanQuery) -> str:
    """The PostgreSQL tsquery text (to_tsquery('simple', ...))."""

    def emit(node) -> str:
        if isinstance(node, Term):
            groups = ["(" + " | ".join(f"'{w}'" for w in word) + ")" for word in node.words]
            return "(" + " <-> ".join(groups) + ")"
        if node.op == "not":
            return "!" + emit(node.children[0])
        joiner = " | " if node.op == "or" else " & "
        return "(" + joiner.join(emit(c) for c in node.children) + ")"

    return emit(query.root)


def best_reports(conn: Connection, query: BooleanQuery, count: int) -> list[tuple[int, float]]:
    """The ``count`` most relevant matches only: the engine ranks them without handing every score back."""
    if conn.dialect.name == "sqlite":
        return conn.connection.driver_connection.execute(
            "SELECT rowid, -bm25(search_fts, 3.0, 1.0) AS score FROM search_fts WHERE search_fts MATCH ? "
            "ORDER BY score DESC LIMIT ?", (boolean_fts5(query), count)).fetchall()
    rows = conn.execute(sql(
        "SELECT d.report_pk, ts_rank_cd(d.tsv, q) AS score FROM search_docs d, to_tsquery('simple', :q) q "
        "WHERE d.tsv @@ q ORDER BY score DESC, d.report_pk LIMIT :n"), {"q": boolean_tsquery(query), "n": count})
    return [(row[0], float(row[1])) for row in rows]


def matching_reports(conn: Connection, query: BooleanQuery, scored: bool = True) -> list[tuple[int, float]]:
    """(report pk, relevance) of every report matching, best first (title matches weigh 3x in SQLite);
    unscored (0.0, in pk order) when the caller sorts by date: ranking thousands of hits costs."""
    if conn.dialect.name == "sqlite":  # thousands of rows: read through the driver's own cursor, not SQLAlchemy rows
        statement = ("SELECT rowid, -bm25(search_fts, 3.0, 1.0) AS score FROM search_fts WHERE search_fts MATCH ? ORDER BY score DESC"
                     if scored else "SELECT rowid, 0.0 FROM search_fts WHERE search_fts MATCH ?")
        return conn.connection.driver_connection.execute(statement, (boolean_fts5(query),)).fetchall()
    else:
        score = "ts_rank_cd(d.tsv, q)" if scored else "0.0"
        rows = conn.execute(sql(
            f"SELECT d.report_pk, {score} AS score FROM search_docs d, to_tsquery('simple', :q) q "
            "WHERE d.tsv @@ q" + (" ORDER BY score DESC, d.report_pk" if scored else "")
        ), {"q": boolean_tsquery(query)})
    return [(row[0], float(row[1])) for row in rows]
