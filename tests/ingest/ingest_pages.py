"""Invented conflict-news pages for the ingest tests (none of it is copied from the corpus)."""

from __future__ import annotations

ARTICLE = (
    "Convoy leaves besieged town of Qalat al-Nahr after truce\n"
    "\n"
    "A convoy of twenty buses carrying fighters and their families left the besieged town "
    "of Qalat al-Nahr on Saturday, a spokesman for the local council said.\n"
    "\n"
    "The deal, brokered by tribal elders, allowed about 300 fighters to leave with light "
    "weapons toward the north. These claims are not confirmed yet.\n"
)

ARTICLE_PARAGRAPHS = [
    "A convoy of twenty buses carrying fighters and their families left the besieged town of "
    "Qalat al-Nahr on Saturday morning, according to a spokesman for the local council.",
    "The deal, brokered by a committee of tribal elders, allowed about 300 fighters to leave "
    "with their light weapons toward the northern countryside, the spokesman said.",
    "Government forces entered the town hours later and began clearing mines left along the "
    "main road, state media reported, while a monitoring group said shelling had stopped.",
]

COMMENTS = [
    "They always let them go, then we fight them again in another town next month.",
    "Where is the proof that 300 fighters left? Nobody counted the buses at the checkpoint.",
    "At least the civilians can go back to their homes now, if the mines are really cleared.",
]

HEADLINE = "Convoy leaves besieged town after truce"


def article_html(comment_markup: str = "wordpress") -> str:
    """A news page in a common CMS layout: header, <article>, comment section, footer."""
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    if comment_markup == "wordpress":
        items = "".join(
            f'<li class="comment" id="comment-{i}"><article class="comment-body">'
            f'<footer class="comment-meta"><div class="comment-author vcard">'
            f'<b class="fn">reader{i}</b> <span class="says">says:</span></div></footer>'
            f'<div class="comment-content"><p>{c}</p></div></article></li>'
            for i, c in enumerate(COMMENTS)
        )
        comments = (
            '<div id="comments" class="comments-area"><h2 class="comments-title">3 comments</h2>'
            f'<ol class="commentlist">{items}</ol></div>'
        )
    else:
        items = "".join(f'<div class="comment"><p>{c}</p></div>' for c in COMMENTS)
        comments = f'<section id="comments"><div class="comments">{items}</div></section>'
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<title>{HEADLINE} | Levant Monitor</title>"
        '<meta property="og:site_name" content="Levant Monitor">'
        '<meta property="article:published_time" content="2017-10-14T08:00:00Z">'
        '<link rel="canonical" href="https://levant-monitor.example/convoy-leaves">'
        '</head><body><header><nav><a href="/">Home</a> <a href="/syria">Syria</a></nav>'
        f"</header><main><article><h1>{HEADLINE}</h1>{paragraphs}</article>{comments}</main>"
        "<footer>Copyright 2017 Levant Monitor</footer></body></html>"
    )
