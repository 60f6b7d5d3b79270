"""axe-core (from the npm registry, `make test` installs it in tests/a11y/) run in the page a
browser test has open: the WCAG 2.1 A and AA rules, violations of serious or critical impact."""

from __future__ import annotations

import json
import os
from pathlib import Path

AXE = Path(__file__).resolve().parent / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")


def axe_violations(driver) -> list[dict]:
    """The page's violations of WCAG 2.1 A/AA that axe rates serious or critical, each as
    {id, impact, help, nodes: [css selectors]}."""
    if not AXE.exists():
        raise RuntimeError(f"axe-core is missing ({AXE}): run `make a11y-deps` (make test does)")
    driver.execute_script(AXE.read_text())
    driver.set_script_timeout(60)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(r.violations)).catch(e => done([{id: 'axe-error', impact: 'critical',"
        " help: String(e), nodes: []}]));",
        TAGS,
    )
    found = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [
                ", ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"])
                for n in v["nodes"]
            ][:8],
        }
        for v in result
    ]
    _report(driver, found)
    return [v for v in found if v.get("impact") in BLOCKING]


def _report(driver, found: list[dict]) -> None:
    """With A11Y_REPORT=file.jsonl, every violation of every impact, a line a page checked:
    what the note of a release says of each page, minor and moderate ones included."""
    if not (path := os.environ.get("A11Y_REPORT")):
        return
    line = {"url": driver.current_url, "violations": found}
    with open(path, "a", encoding="utf-8") as out:
        out.write(json.dumps(line) + "\n")
