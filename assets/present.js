/* Present page keyboard: → / space / Page Down next slide, ← / Page Up previous, Escape exits,
   F toggles full screen. Dash loads every asset on every page: nothing happens unless the
   present page (.present-root) is on screen. Keys press the page's own buttons and link, so the
   slide index stays in Dash's store; presses are queued so that none is lost. */
(function () {
  "use strict";

  var ACTIONS = {
    ArrowRight: "next",
    PageDown: "next",
    " ": "next",
    ArrowLeft: "prev",
    PageUp: "prev",
    Escape: "exit",
    f: "fullscreen",
    F: "fullscreen"
  };

  function toggleFullscreen() {
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else if (document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen().catch(function () {});
    }
  }

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" ||
      Boolean(target && target.isContentEditable);
  }

  document.addEventListener("keydown", function (event) {
    var root = document.querySelector(".present-root");
    if (!root || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var action = ACTIONS[event.key];
    if (!action || typing(event.target)) {
      return;
    }
    var tag = event.target && event.target.tagName;
    if (event.key === " " && (tag === "BUTTON" || tag === "SUMMARY" || tag === "A")) {
      return; /* space presses the focused control itself */
    }
    event.preventDefault();
    if (action === "fullscreen") {
      toggleFullscreen();
      return;
    }
    if (action === "exit") {
      var exit = root.querySelector(".present-exit");
      if (exit) {
        exit.click();
      }
      return;
    }
    queue.push(action);
    if (queue.length === 1) {
      pressNext();
    }
  });

  /* Key presses wait their turn: Dash counts a button's clicks from its last rendered value,
     so two clicks within one frame would count once and a slide move would be lost. Each
     press waits until the slide it asked for is on screen (or 400 ms) before the next. */
  var queue = [];

  function pressNext() {
    var root = document.querySelector(".present-root");
    var action = queue[0];
    var control = root && root.querySelector(".present-" + action);
    if (!control) {
      queue.length = 0;
      return;
    }
    var before = root.className;
    var started = Date.now();
    control.click();
    (function wait() {
      var now = document.querySelector(".present-root");
      if (now && now.className === before && Date.now() - started < 400) {
        window.requestAnimationFrame(wait);
        return;
      }
      queue.shift();
      if (queue.length) {
        pressNext();
      }
    })();
  }

  /* A mouse click on the bar's buttons leaves the focus where it was, so that space keeps
     meaning "next slide" rather than pressing the last button clicked again. */
  document.addEventListener("mousedown", function (event) {
    if (event.target.closest && event.target.closest(".present-root .present-bar button")) {
      event.preventDefault();
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".present-root .present-fullscreen");
    if (button) {
      toggleFullscreen();
    }
  });
})();
