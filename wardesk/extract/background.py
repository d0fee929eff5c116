"""Background is not an event: sentences that tell a trend or a campaign, not a happening.

The coding guideline codes something that happened somewhere; "in recent years the group
has steadily lost ground" tells neither a day nor a place. A violent or territorial mention
whose sentence names no place of its own (it leans on the page's last place, or names only
a whole country) and spans months or years, or tells a trend or a tally ("a rise in
attacks", "so far"), is such background. Deals are kept: a deal told without a place is still
the page's deal, and the in-page merge decides what it retells.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources

from wardesk.lexicon import words_pattern
from wardesk.model import Mention


@lru_cache(maxsize=2)
def _cue(name: str) -> re.Pattern[str]:
    """A pattern of ``wardesk/data/background.toml`` (read once per process)."""
    text = (resources.files("wardesk") / "data" / "background.toml").read_text(encoding="utf-8")
    return words_pattern(tomllib.loads(text)[name]["patterns"])


def is_background(mention: Mention) -> bool:
    """Whether ``mention`` tells a trend or campaign with no place of its own."""
    return (
        mention.agreement is None
        and (mention.place_borrowed or _whole_country(mention))
        and any(_cue(name).search(mention.evidence.text) for name in ("extended_span", "trend"))
    )


def drop_background(mentions: list[Mention]) -> list[Mention]:
    """The page's mentions less those that only tell background."""
    return [m for m in mentions if not is_background(m)]


def _whole_country(mention: Mention) -> bool:
    return mention.location is not None and mention.location.whole_country
