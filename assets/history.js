/* The URL is the one source of truth, and one action makes one history entry.

   Dash's dcc.Location and dcc.Link only ever push (Dash 4.1 has no "replace"), so a page that
   writes its defaults into the URL as it opens made a second entry, and Back landed on a page
   that pushed again. Every history write passes through here instead:
   - a URL equal to the current one makes no entry;
   - a write that follows a person's click or key press pushes one entry; any other write (a
     page writing its defaults as it opens, an automatic slide advance, a follow-up of the
     same action) replaces the current entry.
   Moving through the history (Back, Forward) or following a link tells the router to build
   the page again from the URL (`moves`, a clientside callback in callbacks/routing.py), so
   that every control shows what the URL says; a page's own writes do not rebuild it. */
(function () {
  "use strict";

  var acted = false; /* a click or a key press since the URL last changed */
  var moved = null; /* the address the history or a link moved to: the page must follow */
  var QUIET_KEYS = {Tab: 1, Shift: 1, Control: 1, Alt: 1, Meta: 1, CapsLock: 1};

  function act(event) {
    if (event.type === "keydown" && QUIET_KEYS[event.key]) {
      return;
    }
    acted = true;
  }
  window.addEventListener("pointerdown", act, true);
  window.addEventListener("keydown", act, true);

  var push = window.history.pushState.bind(window.history);
  var replace = window.history.replaceState.bind(window.history);

  window.history.pushState = function (state, title, url) {
    var target = url === undefined || url === null ? window.location.href :
      new URL(String(url), window.location.href).href;
    moved = null;
    if (target === window.location.href) {
      return undefined;
    }
    var write = acted ? push : replace;
    acted = false;
    return write(state, title, url);
  };

  function followed() {
    moved = window.location.href;
    acted = false;
  }
  window.addEventListener("popstate", followed);
  window.addEventListener("_dashprivate_pushstate", followed); /* dcc.Link, dbc.NavLink */

  window.dash_clientside = window.dash_clientside || {};
  var shownPath = null; /* the path of the page on screen */
  window.dash_clientside.history = {
    /* URL change → one more move when the history or a link moved within the same path (a
       new path builds its page anyway), nothing when the page itself wrote the URL. */
    moves: function (pathname, search, count) {
      var samePath = pathname === shownPath;
      var followsHistory = moved !== null && moved === window.location.href;
      shownPath = pathname;
      if (followsHistory) {
        moved = null;
      }
      if (samePath && followsHistory) {
        return (count || 0) + 1;
      }
      return window.dash_clientside.no_update;
    }
  };
})();
