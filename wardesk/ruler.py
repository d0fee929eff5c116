"""The model's attribute ruler, matched by table lookup instead of spaCy's Matcher.

spaCy's ``attribute_ruler`` maps fine-grained tags to coarse POS and morphology, with
exceptions keyed on a word's lower case or dependency label. Its Matcher tries every
one of its patterns (179 in ``en_core_web_sm``) at every token, which costs about a
sixth of the model's time on the sentences wardesk parses. :class:`TableRuler` reads
the same patterns and finds, for each token, the ones that can match by a dictionary
lookup on its tag and lower case, remembering the answer for each distinct token
signature. It sets the very same attributes in the very same order, so the tokens
come out identical (a test checks it token by token against the real component).
Patterns it cannot read (operators, attributes other than those below) make
:func:`table_ruler` return ``None``, and the real component runs instead.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

RULER = "attribute_ruler"
# What a pattern may test: the token's attribute, as the Matcher reads it.
READERS: dict[str, Callable[[Token], object]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
}
Test = tuple[str, Callable[[object], bool]]
# All that a pattern's token test can see of a token.
SIGNATURE = ("TAG", "LOWER", "DEP", "IS_SPACE")


class UnsupportedPattern(ValueError):
    """A pattern uses a Matcher feature the table ruler does not read."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern of the ruler: its position among the patterns, token tests and target."""

    order: int
    tests: tuple[tuple[Test, ...], ...]  # one tuple of tests per token of the pattern
    target: int  # which token of the match gets the attributes

    def token_passes(self, offset: int, token: Token) -> bool:
        """True when ``token`` passes the tests of the pattern's token ``offset``."""
        return all(check(READERS[name](token)) for name, check in self.tests[offset])

    def rest_matches_at(self, doc: Doc, start: int) -> bool:
        """True when the tokens after ``start`` pass the tests of the pattern's later tokens
        (its first token, at ``start``, is known to pass)."""
        if start + len(self.tests) > len(doc):
            return False
        return all(self.token_passes(k, doc[start + k]) for k in range(1, len(self.tests)))


class TableRuler:
    """Applies an :class:`AttributeRuler`'s patterns without its Matcher (see module doc)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.attrs = ruler.attrs
        self.by_tag: dict[str, list[Rule]] = defaultdict(list)
        self.by_lower: dict[str, list[Rule]] = defaultdict(list)
        self.anywhere: list[Rule] = []
        for order, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                self._index(Rule(order, _compile(pattern), entry.get("index", 0)), pattern[0])
        self._seen: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[Rule, ...]]] = {}

    def _index(self, rule: Rule, first: dict) -> None:
        if isinstance(first.get("TAG"), str):
            self.by_tag[first["TAG"]].append(rule)
        elif isinstance(first.get("LOWER"), str):
            self.by_lower[first["LOWER"]].append(rule)
        else:
            self.anywhere.append(rule)

    def __call__(self, doc: Doc) -> Doc:
        """Set the ruler's attributes on every token of ``doc``, as the ruler would."""
        hits: list[list[int]] = [[] for _ in range(len(doc))]
        for i, signature in enumerate(map(tuple, doc.to_array(SIGNATURE).tolist())):
            orders, longer = self._by_signature(doc, i, signature)
            hits[i].extend(orders)
            for rule in longer:
                if rule.rest_matches_at(doc, i):
                    hits[i + rule.target].append(rule.order)
        for i, orders in enumerate(hits):
            # The ruler applies its patterns in order, each over the whole doc; per token
            # that is the patterns' order, and tokens do not affect one another.
            for order in sorted(orders):
                set_token_attrs(doc[i], self.attrs[order])
        return doc

    def _by_signature(
        self, doc: Doc, i: int, signature: tuple[int, ...]
    ) -> tuple[tuple[int, ...], tuple[Rule, ...]]:
        """For token ``i``: the one-token patterns it matches, and the longer patterns whose
        first token it matches (they still need the next tokens checked); remembered per
        signature, since that is all a pattern's token test can see."""
        seen = self._seen.get(signature)
        if seen is None:
            token = doc[i]
            candidates = [
                *self.by_tag.get(token.tag_, ()),
                *self.by_lower.get(token.lower_, ()),
                *self.anywhere,
            ]
            first_matches = [r for r in candidates if r.token_passes(0, token)]
            seen = (
                tuple(r.order for r in first_matches if len(r.tests) == 1),
                tuple(r for r in first_matches if len(r.tests) > 1),
            )
            self._seen[signature] = seen
        return seen


def _compile(pattern: list[dict]) -> tuple[tuple[Test, ...], ...]:
    return tuple(tuple(_test(name, value) for name, value in spec.items()) for spec in pattern)


def _test(name: str, value: object) -> Test:
    if name not in READERS:
        raise UnsupportedPattern(name)
    if not isinstance(value, dict):
        return name, lambda seen, wanted=value: seen == wanted
    if len(value) != 1:
        raise UnsupportedPattern(str(value))
    ((operator, argument),) = value.items()
    if operator == "IN":
        return name, lambda seen, allowed=frozenset(argument): seen in allowed
    if operator == "NOT_IN":
        return name, lambda seen, banned=frozenset(argument): seen not in banned
    if operator == "REGEX":
        return name, lambda seen, rx=re.compile(argument): rx.search(str(seen)) is not None
    raise UnsupportedPattern(operator)


@lru_cache(maxsize=4)
def table_ruler(nlp: Language) -> TableRuler | None:
    """The table ruler for ``nlp``'s attribute ruler, or None when it has none or when its
    patterns or the components after it rule the table out (then the real one must run)."""
    if RULER not in nlp.pipe_names or not _later_components_ignore_it(nlp):
        return None
    try:
        return TableRuler(nlp.get_pipe(RULER))
    except UnsupportedPattern:
        return None


def _later_components_ignore_it(nlp: Language) -> bool:
    """The table runs after the whole pipeline: safe only when no later component reads
    what the ruler sets (the NER reads word shapes; the lemmatizer runs on demand)."""
    later = nlp.pipe_names[nlp.pipe_names.index(RULER) + 1 :]
    return set(later) <= {"ner", "lemmatizer"}
