"""`hubtool review`: what waits for which reviewer, and what is published without sign-off."""

from __future__ import annotations

import json

import click

from .options import config_file_option


@click.command("review")
@click.option("--reviewer", help="Only what waits for this reviewer.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@config_file_option()
def review(reviewer: str | None, fmt: str, config_file: str) -> None:
    """List pieces in `status: review` by reviewer, and published pieces lacking sign-off.

    A reviewer is done when an entry of `approvals` has their name in `by`. Sign-off required for
    publishing: `customer.approved: true` on cases and `extra.hub.approvals.whitepaper` approvals
    on whitepapers (rule ED004), plus the roles in `extra.hub.review.roles` (e.g.
    `{whitepaper: [legal, product]}`).
    """
    from ..config import load_config
    from ..content.load import load_hub
    from ..workflow.review import ReviewQueue, render_text, review_queue

    config = load_config(config_file)
    queue = review_queue(config, load_hub(config))
    if reviewer:
        wanted = reviewer.casefold()
        queue = ReviewQueue(
            {who: items for who, items in queue.by_reviewer.items() if who.casefold() == wanted},
            queue.unsigned,
        )
    if fmt == "json":
        click.echo(json.dumps(queue.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(queue), nl=False)
