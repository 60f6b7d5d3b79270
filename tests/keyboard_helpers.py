"""Driving a page with the keyboard alone in dash_duo (tests/test_browser_keyboard.py): keys
sent to whatever has the focus, Tab until a control is reached, and what the focused element
looks like (where it is, whether it can be seen, whether its focus indicator shows)."""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

#: The focused element, described for a failure message.
DESCRIBE = """
var e = document.activeElement;
var words = (e.getAttribute('aria-label') || e.textContent || '').trim().replace(/\\s+/g, ' ');
return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' "' + words.slice(0, 40) + '"';
"""


def press(dash_duo, *keys: str) -> None:
    """Keys sent to whatever has the focus, as a person presses them."""
    ActionChains(dash_duo.driver).send_keys(*keys).perform()


def focused(dash_duo) -> str:
    return dash_duo.driver.execute_script(DESCRIBE)


def focus_matches(dash_duo, selector: str) -> bool:
    return dash_duo.driver.execute_script(
        "var e = document.activeElement; return !!e && e.matches(arguments[0]);", selector
    )


def shift_tab(dash_duo) -> None:
    ActionChains(dash_duo.driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(
        Keys.SHIFT
    ).perform()


def tab_to(dash_duo, selector: str, most: int = 60, backwards: bool = False) -> None:
    """Press Tab (Shift+Tab when `backwards`) until the focus is on an element matching
    `selector`; fail with the stops passed on the way when it is not reached in `most`."""
    passed = []
    for _ in range(most):
        if backwards:
            shift_tab(dash_duo)
        else:
            press(dash_duo, Keys.TAB)
        if focus_matches(dash_duo, selector):
            return
        passed.append(focused(dash_duo))
    pytest.fail(f"{selector} not reached by {len(passed)} presses; passed: {passed}")


#: Why the focused element cannot be seen, or '' when it can: a person must see where the
#: focus is, so a stop drawn under another element (the present page covers the navigation)
#: counts as lost.
HIDDEN = """
var e = document.activeElement, r = e.getBoundingClientRect();
if (!r.width || !r.height) { return 'no size'; }
var x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
var y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
var top = document.elementFromPoint(x, y);
if (!top || top === e || e.contains(top) || top.contains(e)) { return ''; }
return 'under ' + top.tagName.toLowerCase() + '.' + String(top.className).split(' ')[0];
"""


#: Why the focused element shows no focus indicator, or '' when it does: an outline (style not
#: none, width > 0) or a box-shadow with some size, in a colour of at least 3:1 against what
#: is behind it (WCAG 2.4.7, and 1.4.11 for the indicator's contrast).
NO_INDICATOR = """
function rgba(text) {
  var m = text && text.match(/rgba?\\(([^)]+)\\)/);
  if (!m) { return null; }
  var p = m[1].split(',').map(parseFloat);
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
}
function behind(node) {
  for (; node; node = node.parentElement) {
    var c = rgba(getComputedStyle(node).backgroundColor);
    if (c && c[3] > 0) { return c; }
  }
  return [255, 255, 255, 1];
}
function luminance(c) {
  return [0.2126, 0.7152, 0.0722].reduce(function (sum, w, i) {
    var v = c[i] / 255;
    return sum + w * (v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
  }, 0);
}
function contrast(fg, bg) {
  var mixed = [0, 1, 2].map(function (i) { return fg[i] * fg[3] + bg[i] * (1 - fg[3]); });
  var a = luminance(mixed), b = luminance(bg);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
var e = document.activeElement, s = getComputedStyle(e), bg = behind(e.parentElement);
var found = [];
if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && rgba(s.outlineColor)) {
  found.push(['outline ' + s.outlineWidth, rgba(s.outlineColor)]);
}
(s.boxShadow === 'none' ? [] : s.boxShadow.split(/,(?![^(]*\\))/)).forEach(function (shadow) {
  var sizes = shadow.replace(/rgba?\\([^)]*\\)/, '').trim().split(/\\s+/).map(parseFloat);
  if (Math.max(sizes[2] || 0, sizes[3] || 0) > 0 && rgba(shadow)) {
    found.push(['box-shadow', rgba(shadow)]);
  }
});
if (!found.length) { return 'no outline or box-shadow'; }
var best = found.map(function (f) { return [f[0], contrast(f[1], bg)]; })
  .sort(function (a, b) { return b[1] - a[1]; })[0];
return best[1] >= 3 ? '' : best[0] + ' at ' + best[1].toFixed(1) + ':1 against its background';
"""


def indicator_missing(dash_duo) -> str:
    """What is wrong with the focused element's indicator, once transitions have run."""
    why = dash_duo.driver.execute_script(NO_INDICATOR)
    deadline = time.monotonic() + 1  # Bootstrap fades a focus ring in over 0.15 s
    while why and time.monotonic() < deadline:
        time.sleep(0.1)
        why = dash_duo.driver.execute_script(NO_INDICATOR)
    return why
