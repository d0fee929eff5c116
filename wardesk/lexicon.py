"""The extractor's word lists, loaded from the TOML files in ``wardesk/data``.

Everything language-specific lives in those files: event triggers, deal kinds
and statuses, actors with aliases, known sources and certainty cues. This
module only compiles them into regular expressions, once per process.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class EventType:
    """One ACLED sub-event type and the trigger words that suggest it."""

    sub_event_type: str
    event_type: str
    priority: int
    territorial: bool
    pattern: re.Pattern[str]
    # A killing word that names no means ("killed civilians") gives way to a weapon named
    # in the same clause; "executed" or "shot dead" name their means themselves.
    yields_to_means: bool = False


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor and how pages name it."""

    name: str
    kind: str
    state: bool
    rank: int
    pattern: re.Pattern[str]
    anaphora: re.Pattern[str] | None
    # Generic names ("rebels", "the army") that mean this actor only in its home war.
    home: str | tuple[str, ...] | None = None
    home_pattern: re.Pattern[str] | None = None
    # Groups outside DESIGN.md's canonical list keep the page's spelling of their name.
    page_spelling: bool = False
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GroupNames:
    """How a page names an armed group the actor list does not know."""

    pattern: re.Pattern[str]
    state_words: re.Pattern[str]
    heads: frozenset[str]
    people: frozenset[str]
    demonyms: dict[str, str]


@dataclass(frozen=True, slots=True)
class Labelled:
    """A label (deal kind, status, source type …) and the cue pattern that signals it."""

    label: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class KnownSource:
    """An outlet or organisation with its source type and stance."""

    name: str
    type: str
    stance: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All word lists the extractor and attributor use."""

    event_types: tuple[EventType, ...]
    any_trigger: re.Pattern[str]
    deal_kinds: tuple[Labelled, ...]
    deal_statuses: tuple[Labelled, ...]
    count_nouns: dict[str, re.Pattern[str]]
    actors: tuple[Actor, ...]
    sources: tuple[KnownSource, ...]
    source_type_words: tuple[Labelled, ...]
    reporting_verbs: re.Pattern[str]
    claim_verbs: re.Pattern[str]
    certainty_cues: tuple[Labelled, ...]
    generic: re.Pattern[str]
    dateline: re.Pattern[str]
    foreign_included: re.Pattern[str]
    destination_phrase: re.Pattern[str]
    foreign_excluded: re.Pattern[str]
    groups: GroupNames | None = None


def words_pattern(phrases: list[str], *, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One regex matching any of ``phrases`` (regex syntax allowed) as whole words."""
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(ordered) + r")(?![\w-])", flags)


def _alias_pattern(aliases: list[str]) -> re.Pattern[str]:
    # Acronyms ("IS", "SDF") must match case-sensitively, or "is" becomes an actor.
    parts = []
    for alias in sorted(aliases, key=len, reverse=True):
        # Pages write the apostrophe straight or curly: "Haftar's", "Haftar’s".
        # Transliterations join words with a hyphen or a space ("Jaish al-Islam", "Jaish al
        # Islam").
        escaped = (
            re.escape(alias).replace(r"\ ", r"\s+").replace("'", "['’]").replace(r"\-", r"[-\s]")
        )
        parts.append(escaped if alias.isupper() else f"(?i:{escaped})")
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


def read_data(name: str) -> dict:
    """The TOML file ``name`` of the package's ``wardesk/data/``, parsed."""
    text = (resources.files("wardesk") / "data" / name).read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def data_pattern(name: str, section: str) -> re.Pattern[str]:
    """The whole-word pattern of the ``patterns`` list in section ``section`` of data file
    ``name`` (compiled once per process)."""
    return words_pattern(read_data(name)[section]["patterns"])


def _event_types(data: dict) -> tuple[EventType, ...]:
    return tuple(
        EventType(
            sub_event_type=entry["sub_event_type"],
            event_type=entry["event_type"],
            priority=entry["priority"],
            territorial=entry.get("territorial", False),
            pattern=words_pattern(entry["patterns"]),
            yields_to_means=entry.get("yields_to_means", False),
        )
        for entry in data["type"]
    )


def _labelled(entries: list[dict], key: str) -> tuple[Labelled, ...]:
    return tuple(Labelled(entry[key], words_pattern(entry["patterns"])) for entry in entries)


def _actors(data: dict) -> tuple[Actor, ...]:
    return tuple(
        Actor(
            name=entry["name"],
            kind=entry["kind"],
            state=entry["state"],
            rank=data["deal_rank"][entry["kind"]],
            pattern=_alias_pattern(entry["aliases"]),
            anaphora=words_pattern(entry["anaphora"]) if entry.get("anaphora") else None,
            home=_home(entry.get("home")),
            home_pattern=_home_pattern(entry) if entry.get("home_aliases") else None,
            page_spelling=entry.get("page_spelling", False),
            aliases=tuple(entry["aliases"]),
        )
        for entry in data["actor"]
    )


def _home(value: object) -> str | tuple[str, ...] | None:
    """An actor's home war: one country, or several (a TOML list)."""
    return tuple(value) if isinstance(value, list) else value


HOLDER_SUFFIX = r"-(?:held|besieged|occupied|controlled|encircled|surrounded|blockaded|run)\b"


def _home_pattern(entry: dict) -> re.Pattern[str]:
    """The generic names, and the first half of compounds like "rebel-held" (the match
    stops before the hyphen, so the rest tells the role)."""
    generic = _alias_pattern(entry["home_aliases"]).pattern
    compounds = entry.get("home_compounds")
    if not compounds:
        return re.compile(generic)
    fused = r"(?<![\w-])(?i:" + "|".join(compounds) + r")(?=" + HOLDER_SUFFIX + r")"
    return re.compile(f"{generic}|{fused}")


def _group_names(data: dict) -> GroupNames:
    """A proper name or nationality, optional lower-case modifiers, then a group noun:
    "Moldavian forces", "Northern Shield Brigade", "Freedonian government army"."""
    names = data["named_groups"]
    heads = "|".join(sorted(names["heads"], key=len, reverse=True))
    modifiers = "|".join(names["modifiers"])
    word = r"[A-Z][\w'’.-]*[\w'’]"
    pattern = re.compile(
        rf"(?<![\w-])(?P<name>(?:pro-{word}|{word})(?:\s+(?:of\s+)?{word}){{0,4}})"
        rf"(?P<rest>(?:\s+(?:{modifiers}))*\s+(?i:(?P<head>{heads})))(?![\w-])"
    )
    state = words_pattern(names["state_heads"] + names["state_modifiers"])
    return GroupNames(
        pattern,
        state,
        frozenset(names["heads"]),
        frozenset(names["people"]),
        dict(data["demonyms"]),
    )


def _sources(data: dict) -> tuple[KnownSource, ...]:
    return tuple(
        KnownSource(e["name"], e["type"], e["stance"], _alias_pattern(e["aliases"]))
        for e in data["source"]
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The lexicon shipped with the package (parsed once per process)."""
    events, actors, sources = (
        read_data("events.toml"),
        read_data("actors.toml"),
        read_data("sources.toml"),
    )
    deals = read_data("deal_roles.toml")
    types = _event_types(events)
    every_trigger = [p for entry in events["type"] for p in entry["patterns"]]
    return Lexicon(
        event_types=types,
        any_trigger=words_pattern(every_trigger),
        deal_kinds=_labelled(deals["deal_kind"], "kind"),
        deal_statuses=_labelled(deals["deal_status"], "status"),
        count_nouns={k: words_pattern(v) for k, v in events["counts"].items()},
        actors=_actors(actors),
        sources=_sources(sources),
        source_type_words=tuple(
            Labelled(k, words_pattern([re.escape(w) for w in v]))
            for k, v in sources["source_type_words"].items()
        ),
        reporting_verbs=words_pattern(sources["reporting"]["verbs"]),
        claim_verbs=words_pattern(sources["reporting"]["claim_verbs"]),
        certainty_cues=tuple(
            Labelled(k, words_pattern(v)) for k, v in sources["certainty"].items()
        ),
        generic=words_pattern(events["generic"]["patterns"]),
        dateline=re.compile("|".join(f"(?:{p})" for p in events["dateline"]["patterns"])),
        foreign_included=words_pattern(events["foreign_fighters"]["included"]),
        destination_phrase=re.compile(events["destination_phrase"]["pattern"]),
        foreign_excluded=words_pattern(events["foreign_fighters"]["excluded"]),
        groups=_group_names(actors),
    )
