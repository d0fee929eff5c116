"""Background is not an event: sentences that tell a trend or a campaign, not a happening.

The coding guideline codes something that happened somewhere; "in recent years the group
has steadily lost ground" tells neither a day nor a place. A violent or territorial mention
whose sentence names no place of its own (it leans on the page's last place, or names only
a whole country) and spans months or years, or tells a trend or a tally ("a rise in
attacks", "so far"), is such background. Deals are kept: a deal told without a place is still
the page's deal, and the in-page merge decides what it retells.
"""

from __future__ import annotations

from wardesk.lexicon import data_pattern
from wardesk.model import Mention


def is_background(mention: Mention) -> bool:
    """Whether ``mention`` tells a trend or campaign with no place of its own."""
    return (
        mention.agreement is None
        and (mention.place_borrowed or _whole_country(mention))
        and (
            _dated_by_year_alone(mention)
            or any(
                data_pattern("background.toml", name).search(mention.evidence.text)
                for name in ("extended_span", "trend")
            )
        )
    )


def _dated_by_year_alone(mention: Mention) -> bool:
    """ "The group took control of a third of the country in 2014": history the page
    recalls, told with no place of its own and no closer date than a year."""
    return mention.date is not None and len(mention.date) == 4


def drop_background(mentions: list[Mention]) -> list[Mention]:
    """The page's mentions less those that only tell background."""
    return [m for m in mentions if not is_background(m)]


def _whole_country(mention: Mention) -> bool:
    return mention.location is not None and mention.location.whole_country
