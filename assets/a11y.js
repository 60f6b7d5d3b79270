/* Three gaps of Dash 4's components, mended in the page (WCAG 2.1 AA; axe-core checks every
   page in tests/test_browser_a11y.py).

   dcc.Upload's file field is hidden and has no name: it is named from the upload area's own
   words ("Drag and drop or choose a file"), which a keyboard user reaches it by.

   Dash 4 draws a slider's thumbs as <span role="slider"> with no accessible name: a screen
   reader would say only "slider, 70". Each thumb is named from the label of its field (the
   <label for> of the slider's id), "from" and "to" on a range's two thumbs.

   A dropdown's "Clear selection" icon, inside its button, is hidden from screen readers.

   While Dash waits for the server it draws a ._dash-loading-callback element: the page's status
   region (role="status", #dre-status) then says "Loading…", and "Figures updated." once it is
   gone, so that a screen reader knows a filter change has been answered. */
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
  function nameUploads() {
    document.querySelectorAll('input[type="file"]:not([aria-label])').forEach(function (input) {
      var area = input.parentElement;
      var words = area ? area.textContent.replace(/\s+/g, " ").trim() : "";
      input.setAttribute("aria-label", words || "Choose a file to upload");
    });
  }
  function nameDropdowns() {
    /* A dropdown's "Clear selection" icon sits inside its button, where no keyboard or screen
       reader can press it apart from the button: its words are not the button's (they made
       the button's name differ from its words on screen, WCAG 2.5.3). */
    document.querySelectorAll(".dash-dropdown .dash-dropdown-clear:not([aria-hidden])")
      .forEach(function (x) { x.setAttribute("aria-hidden", "true"); });
  }
  var loading = false;
  function announce() {
    var status = document.getElementById("dre-status");
    if (!status) { return; }
    var now = document.querySelector("._dash-loading-callback") !== null;
    if (now === loading) { return; }
    loading = now;
    status.textContent = now ? "Loading\u2026" : "Figures updated.";
  }
  function mend() {
    nameSliders();
    nameUploads();
    nameDropdowns();
    announce();
  }
  new MutationObserver(mend).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });
})();
