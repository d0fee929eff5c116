"""Who says so, and how sure the page is: ``source``, ``source_type``, ``certainty``.

Sources come from reported speech ("X said", "according to X", "X told
Reuters", "X's statement said"); a pronoun subject ("he said") and a
sentence with no attribution of its own inherit the last source named in the
same paragraph. Certainty comes from cue words in the data file, strongest
first: denied, unconfirmed, speculative, then claimed/reported/asserted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from wardesk.annotate import Annotation, Sentence
from wardesk.lexicon import Lexicon, read_data, words_pattern
from wardesk.model import Mention
from wardesk.nlp import lemma

ACCORDING_RE = re.compile(
    r"\baccording to (?:the )?(?P<who>[^,.;:“”\"]{3,120}?)(?=\s*(?:[,.;:“”\"]|$|\b(?:that|which|who)\b))",
    re.I,
)
TRAILING_RE = re.compile(
    r",\s*(?P<who>[^,;:]{2,100}?)\s+(?:said|says|reported|added|claimed|told [A-Z]\w+)"
    r"(?:\s+(?:on|in|late|early|last|this)\b[^,.;]{0,30})?\s*[.”\"]*\s*$"
)
# "Abdel Rashid, commander of the operation, said …": the parser often loses such subjects.
LEADING_RE = re.compile(
    r"^(?P<who>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,5}),\s+(?P<role>[^,]{3,120}?),\s+"
    r"(?:said|says|told|announced|added|stated|confirmed)\b"
)
REPORT_LEMMAS = frozenset(
    [
        "say",
        "tell",
        "report",
        "claim",
        "announce",
        "declare",
        "state",
        "confirm",
        "add",
        "describe",
        "warn",
        "note",
        "publish",
    ]
)
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})
# "The report", "the sources": a source named earlier on the page, not a new one.
GENERIC_SOURCE_RE = re.compile(
    r"^(?:the |these |this |that )?(?:report|reports|sources?|statement|agency|station|group|blog|account)$",
    re.I,
)
FRAGMENT_RE = re.compile(r"^according to\b")
PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "his", "her", "their", "its"])
# "… as the SDF's spokesman said": the parser often loses a subject after its verb.
INVERTED_RE = re.compile(
    r"[”\"],?\s*(?:said|says|informed|added|stated|explained|told reporters)\s+"
    r"(?P<who>[^,.;“”\"]{3,100}?)\s*(?:[,.;]|$)"
)
QUOTED_AS_RE = re.compile(r"\bquot(?:ed|es|ing) (?P<who>[^.;]{3,140}?),? as saying\b", re.I)
# "X, which supports …": a relative clause after a source describes it; it is no part of it.
RELATIVE_CLAUSE_RE = re.compile(r",\s+(?:which|who|that|whose)\b.*$", re.I)


@dataclass(frozen=True, slots=True)
class AttributionCues:
    """Cues from ``sources.toml``'s ``[attribution]`` table."""

    not_speaker: re.Pattern[str]
    unnamed_reports: tuple[re.Pattern[str], ...]
    party_claims: re.Pattern[str]


@lru_cache(maxsize=1)
def attribution_cues() -> AttributionCues:
    """The cues shipped with the package (parsed once per process)."""
    data = read_data("sources.toml")["attribution"]
    nouns = "|".join(data["not_speakers"])
    return AttributionCues(
        not_speaker=re.compile(rf"^(?:the\s+)?(?:[\w-]+\s+)?(?:{nouns})\b", re.I),
        unnamed_reports=tuple(re.compile(p, re.I) for p in data["unnamed_reports"]),
        party_claims=words_pattern(data["party_claims"]),
    )


BACKREF_RE = re.compile(r"\b(?:these|those|both|the) (?:claims?|reports?|accounts?)\b", re.I)


@dataclass(frozen=True, slots=True)
class Attribution:
    """The answer for one sentence, with the cue words that decided it (for --explain)."""

    source: str | None
    source_type: str | None
    source_stance: str | None
    certainty: str
    cues: tuple[str, ...] = ()


def sentence_source(sentence: Sentence, lexicon: Lexicon) -> tuple[str | None, str | None]:
    """The source a sentence names for itself, and the cue that showed it."""
    cues = attribution_cues()
    match = next(
        (m for m in ACCORDING_RE.finditer(sentence.text) if not _names_a_document(m, cues)),
        None,
    )
    if match:
        return _clean(match.group("who")), "according to"
    match = QUOTED_AS_RE.search(sentence.text)
    if match:
        return _clean(match.group("who")), "X quoted Y as saying"
    for pattern in cues.unnamed_reports:
        match = pattern.search(sentence.text)
        if match:
            return _clean(match.group("who")), "unnamed reports"
    match = TRAILING_RE.search(sentence.text)
    if match:
        return _clean(match.group("who")), "…, X said"
    match = LEADING_RE.match(sentence.text)
    if match:
        return _clean(match.group("who") + ", " + match.group("role")), "X, role, said"
    match = INVERTED_RE.search(sentence.text)
    if match:
        return _clean(match.group("who")), "“…,” said X"
    if sentence.parsed is not None:
        found = _speech_subject(sentence.parsed)
        if found is not None:
            return found
    return None, None


def _names_a_document(match: re.Match[str], cues: AttributionCues) -> bool:
    """ "according to the agreement", "according to the laws in force" name no speaker."""
    return bool(cues.not_speaker.match(match.group("who")))


def _speech_subject(parsed: Doc) -> tuple[str | None, str] | None:
    for token in parsed:
        if token.pos_ not in ("VERB", "AUX") or lemma(token).lower() not in REPORT_LEMMAS:
            continue
        if token.dep_ == "relcl":
            continue  # "an organisation that reports on the war" describes, it does not speak
        if token.dep_ == "acl" or (
            token.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in token.children)
        ):
            continue  # "hopes that a truce declared in March holds": it describes a noun
        # Only an active subject speaks: "an agreement was announced" names no source.
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is None and token.dep_ == "advcl" and token.tag_ == "VBG":
            # "Activists criticised the deal, saying …": the speaker is the main verb's subject.
            subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ in RELATIVE_PRONOUNS:
            continue
        if subject.lower_ in PRONOUNS:
            return None, token.text
        return _clean(_subject_text(subject)), token.text
    return None


def _subject_text(subject: Token) -> str:
    # "X's statement said" -> X; otherwise the whole subject phrase with its apposition.
    possessor = next((c for c in subject.children if c.dep_ == "poss"), None)
    if possessor is not None and lemma(subject).lower() in ("statement", "report", "spokesman"):
        return _span(possessor).text
    return _span(subject).text


def _span(token: Token) -> Span:
    tokens = list(token.subtree)
    return token.doc[tokens[0].i : tokens[-1].i + 1]


def _clean(text: str) -> str:
    text = RELATIVE_CLAUSE_RE.sub("", re.sub(r"\s+", " ", text))
    text = text.strip(" ,.“”\"'’–—-")
    text = re.sub(r"['’]s$", "", text)  # "the SDF's statement": the SDF speaks
    text = re.sub(r"^(?:but|and|however|meanwhile|yet)\s+", "", text, flags=re.I)
    text = re.sub(r"^the\s+", "", text, flags=re.I)
    return re.sub(r"^(?:[Aa]|[Aa]n)\s+(?=[a-z])", "", text)


def canonical_source(source: str, lexicon: Lexicon) -> str:
    """A known outlet inside a longer description ("the pro-opposition blog “X”") is X."""
    if re.search(r"\s(?:and|&)\s", source):
        return source  # "state media and a monitoring group": several voices, as written
    for known in lexicon.sources:
        hit = known.pattern.search(source)
        if hit and hit.group(0) != source and len(source) > len(hit.group(0)) + 12:
            return known.name
    return source


def source_type(source: str | None, lexicon: Lexicon) -> tuple[str | None, str | None, str]:
    """(type, stance, cue) for a named source: the known list first, then words in the name."""
    if source is None:
        return None, None, ""
    for known in lexicon.sources:
        if known.pattern.search(source):
            return known.type, known.stance, known.name
    for labelled in lexicon.source_type_words:
        hit = labelled.pattern.search(source)
        if hit:
            return labelled.label, None, hit.group(0)
    return "media", None, ""


def certainty_of(
    text: str, lexicon: Lexicon, *, sourced: bool, party: bool = False
) -> tuple[str, str]:
    """(certainty, cue) for a sentence, from its own words."""
    backref = BACKREF_RE.search(text)
    if backref:
        # "These claims are not confirmed yet, however …": the doubt is about earlier
        # sentences; this one's own event is judged on the words after that clause.
        rest = re.split(r",|\bhowever\b|\bbut\b", text[backref.end() :], maxsplit=1)
        text = rest[1] if len(rest) > 1 else ""
    for cue in lexicon.certainty_cues:
        hit = cue.pattern.search(text)
        if hit:
            return cue.label, hit.group(0)
    claim = lexicon.claim_verbs.search(text)
    if claim and sourced:
        return "claimed", claim.group(0)
    if sourced and party and attribution_cues().party_claims.search(text):
        # The guideline: a side's count of enemy dead, captured or surrendered is a claim.
        return "claimed", "a party to the fighting counts the enemy's losses"
    return ("reported", "source named") if sourced else ("asserted", "")


def _unnamed_reports(source: str | None) -> bool:
    """ "reports", "preliminary reports": hearsay nobody on the page vouches for."""
    return source is not None and bool(re.fullmatch(r"(?:\w+ )?reports", source, re.I))


def attribute_page(sentences: tuple[Sentence, ...], lexicon: Lexicon) -> list[Attribution]:
    """One attribution per sentence of the page, in order, with carry-over and back-references."""
    result: list[Attribution] = []
    carried: tuple[int, str | None] = (-1, None)
    last_named: str | None = None
    for sentence in sentences:
        if sentence.in_comments:
            result.append(_comment_attribution(sentence, lexicon))
            continue
        source, cue = sentence_source(sentence, lexicon)
        source = canonical_source(source, lexicon) if source else None
        unnamed = cue == "unnamed reports"  # "amid reports that": no source named earlier
        if source is not None and GENERIC_SOURCE_RE.match(source) and last_named and not unnamed:
            source, cue = last_named, f"“{source}” refers back"
        if source is not None and source.lower() in PRONOUNS:
            source, cue = (carried[1] if carried[0] == sentence.block else last_named), "“he said”"
        if source is None and carried[0] == sentence.block:
            source, cue = carried[1], "carried over from the paragraph"
        if source is not None:
            carried = (sentence.block, source)
            if not GENERIC_SOURCE_RE.match(source):
                last_named = source
        if FRAGMENT_RE.match(sentence.text) and source is not None:
            _attribute_block_backwards(sentences, result, len(result), source, lexicon)
        result.append(_attribution(sentence.text, source, cue, lexicon))
    _attribute_quotes(sentences, result, lexicon)
    return _apply_backrefs(sentences, result, lexicon)


def _attribute_quotes(
    sentences: tuple[Sentence, ...], result: list[Attribution], lexicon: Lexicon
) -> None:
    """A quotation over several sentences takes the source named where it closes:
    “Buses left at dawn. More will follow,” the governor said."""
    opened: int | None = None
    for index, sentence in enumerate(sentences):
        if sentence.in_comments or (
            opened is not None and sentences[opened].block != sentence.block
        ):
            opened = None
        balance = _quote_balance(sentence.text)
        if opened is None and balance > 0:
            opened = index
        elif opened is not None and balance < 0:
            source = result[index].source
            if source is not None:
                for inner in range(opened, index):
                    if result[inner].source is None:
                        cue = "quotation closed by the source"
                        result[inner] = _attribution(sentences[inner].text, source, cue, lexicon)
            opened = None


def _quote_balance(text: str) -> int:
    """Opening minus closing curly quotes; for straight quotes, 1 when one is left open."""
    curly = text.count("“") - text.count("”")
    straight = text.count('"') % 2
    if curly:
        return curly
    if straight:
        return 1 if text.lstrip().startswith('"') else -1
    return 0


def _attribute_block_backwards(
    sentences: tuple[Sentence, ...],
    result: list[Attribution],
    index: int,
    source: str,
    lexicon: Lexicon,
) -> None:
    """ "… to Idlib governorate. according to Sham FM": a detached attribution names the
    source of the unattributed sentences just before it in the same paragraph."""
    block = sentences[index].block
    for earlier in range(index - 1, -1, -1):
        if sentences[earlier].block != block or result[earlier].source is not None:
            break
        cue = "attribution after the sentence"
        result[earlier] = _attribution(sentences[earlier].text, source, cue, lexicon)


def _attribution(text: str, source: str | None, cue: str | None, lexicon: Lexicon) -> Attribution:
    kind, stance, type_cue = source_type(source, lexicon)
    party = kind == "party_to_conflict"
    certainty, certainty_cue = certainty_of(text, lexicon, sourced=source is not None, party=party)
    if certainty == "reported" and _unnamed_reports(source):
        certainty, certainty_cue = "unconfirmed", "unnamed reports"
    labelled = (("source", cue), ("type", type_cue), ("certainty", certainty_cue))
    cues = tuple(f"{what}: {why}" for what, why in labelled if why)
    return Attribution(source, kind, stance, certainty, cues)


def _comment_attribution(sentence: Sentence, lexicon: Lexicon) -> Attribution:
    denied = next((c for c in lexicon.certainty_cues if c.label == "denied"), None)
    hit = denied.pattern.search(sentence.text) if denied else None
    certainty = "denied" if hit else "asserted"
    cues = ("reader comment",) + ((hit.group(0),) if hit else ())
    return Attribution(sentence.author, "reader_comment", None, certainty, cues)


def _apply_backrefs(
    sentences: tuple[Sentence, ...], result: list[Attribution], lexicon: Lexicon
) -> list[Attribution]:
    """ "These claims are not confirmed": mark the earlier sourced sentences unconfirmed."""
    for index, sentence in enumerate(sentences):
        if sentence.in_comments or not BACKREF_RE.search(sentence.text):
            continue
        doubt = next(c for c in lexicon.certainty_cues if c.label == "unconfirmed")
        if not doubt.pattern.search(sentence.text):
            continue
        for earlier in range(index):
            if sentences[earlier].in_comments or sentences[earlier].block < sentence.block - 3:
                continue
            previous = result[earlier]
            if previous.source is not None and previous.certainty in ("reported", "claimed"):
                result[earlier] = Attribution(
                    previous.source, previous.source_type, previous.source_stance,
                    "unconfirmed", previous.cues + (BACKREF_RE.search(sentence.text).group(0),),
                )  # fmt: skip
    return result


def attribute(annotation: Annotation, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """The attribute stage: set source, source type and certainty on every mention."""
    by_start = {s.start: i for i, s in enumerate(annotation.sentences)}
    judged = attribute_page(annotation.sentences, lexicon)
    result = []
    for mention in mentions:
        found = judged[by_start[mention.evidence.start]]
        result.append(
            replace(
                mention,
                source=found.source,
                source_type=found.source_type,
                certainty=found.certainty,
                source_stance=found.source_stance,
                cues=found.cues,
            )
        )
    return result
