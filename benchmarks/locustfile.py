"""Many users at once: each changes the overview's region filter every few seconds, as a
regional team does while it talks (run by benchmarks/run.py, headless, bounded in time)."""

from __future__ import annotations

import json
import random

from locust import HttpUser, between, events, task

REGIONS = ["NEYH", "NW", "WM", "EM", "EE", "LDN", "SE", "SW"]


class RegionalTeam(HttpUser):
    wait_time = between(2, 5)

    def on_start(self) -> None:
        self.client.get("/")
        self.body = json.loads(self.environment.parsed_options.panels_body)
        self.menus = json.loads(self.environment.parsed_options.menus)

    @task
    def change_region(self) -> None:
        body = json.loads(json.dumps(self.body))
        regions = random.sample(REGIONS, random.randint(1, 2))  # noqa: S311 (not a secret)
        body["inputs"][0]["value"] = regions
        menu = self.menus.get(",".join(sorted(regions)))
        if menu is not None:  # the measures menu follows the regions, as in a browser
            body["inputs"][4]["value"] = menu
        self.client.post(
            "/_dash-update-component",
            json=body,
            headers={"Accept-Encoding": "gzip"},
            name="filter change",
        )


@events.init_command_line_parser.add_listener
def _options(parser) -> None:
    parser.add_argument("--panels-body", default="{}", help="A panels callback request (JSON).")
    parser.add_argument(
        "--menus", default="{}", help='The measures menu per set of regions ({"EE,LDN": [...]}).'
    )
