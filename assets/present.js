/* Present page keyboard: → / space / Page Down next slide, ← / Page Up previous, Escape exits,
   F toggles full screen. Dash loads every asset on every page: nothing happens unless the
   present page (.present-root) is on screen. Keys press the page's own buttons and link, so the
   slide index stays in Dash's store. */
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
    var control = root.querySelector(".present-" + action);
    if (control) {
      control.click();
    }
  });

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
