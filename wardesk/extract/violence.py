"""Violent events as ACLED codes them: the means decides the type, the syntax the roles.

Entry points: :func:`by_means` (which sub-event type a clause's violence is) and
:func:`violence_roles` (perpetrator and victim from the dependency parse). Tolls live in
:mod:`wardesk.extract.tolls`.
"""

from __future__ import annotations

import re

from wardesk.lexicon import EventType, Lexicon

REMOTE = "Explosions/Remote violence"


def by_means(
    found: tuple[EventType, re.Match[str]], clause: str, lexicon: Lexicon
) -> tuple[EventType, re.Match[str]]:
    """The type the clause's weapon gives: civilians killed by an air strike, shelling or a
    bomb are that remote attack's victims, not an Attack of their own (ACLED codes the
    means)."""
    event_type, _ = found
    if not event_type.yields_to_means:
        return found
    best = None
    for candidate in lexicon.event_types:
        if candidate.event_type != REMOTE:
            continue
        match = candidate.pattern.search(clause)
        if match and (best is None or candidate.priority > best[0].priority):
            best = (candidate, match)
    return best or found
