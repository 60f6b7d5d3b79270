/* Dash 4 draws a slider's thumbs as <span role="slider"> with no accessible name: a screen
   reader would say only "slider, 70". Each thumb is named from the label of its field (the
   <label for> of the slider's id), "from" and "to" on a range's two thumbs. */
(function () {
  "use strict";
  function labelFor(id) {
    var label = id && document.querySelector('label[for="' + CSS.escape(id) + '"]');
    return label ? label.textContent.trim() : "";
  }
  function nameSliders() {
    document.querySelectorAll('[role="slider"]:not([aria-label])').forEach(function (thumb) {
      var owner = thumb.parentElement && thumb.parentElement.closest("[id]");
      var name = owner ? labelFor(owner.id) : "";
      if (!name) { return; }
      var thumbs = owner.querySelectorAll('[role="slider"]');
      if (thumbs.length === 2) {
        name += thumb === thumbs[0] ? ": from" : ": to";
      }
      thumb.setAttribute("aria-label", name);
    });
  }
  new MutationObserver(nameSliders).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });
})();
