/* Charts drawn when their place is first scrolled near.
 *
 * An element with data-seen-store="ID" stands for a chart below the first screen (the compare
 * page's spine chart): once it comes within 300 px of the window, the dcc.Store ID's data is
 * set to true, and a clientside callback draws the chart in it (callbacks/compare.py). The
 * charts at the top are then drawn without waiting for it. data-seen-key names the figure
 * the place stands for: when the page keeps the element for the next figure, it is watched
 * again (and, if in view, drawn at once). Tab into it and it scrolls into view: drawn too. */
(function () {
    "use strict";
    var seen = new IntersectionObserver(
        function (entries) {
            entries.forEach(function (entry) {
                if (!entry.isIntersecting) {
                    return;
                }
                seen.unobserve(entry.target);
                var store = entry.target.getAttribute("data-seen-store");
                var clientside = window.dash_clientside;
                if (store && clientside && clientside.set_props) {
                    clientside.set_props(store, { data: true });
                }
            });
        },
        { rootMargin: "300px 0px" }
    );
    var pending = false;
    function check() {
        pending = false;
        document.querySelectorAll("[data-seen-store]").forEach(function (place) {
            var key = place.getAttribute("data-seen-key") || "";
            if (place.dataset.watchedKey !== key) {
                place.dataset.watchedKey = key;
                seen.unobserve(place);
                seen.observe(place); // reports at once whether it is in view
            }
        });
    }
    new MutationObserver(function () {
        if (!pending) {
            pending = true;
            window.requestAnimationFrame(check);
        }
    }).observe(document.documentElement, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: ["data-seen-key"],
    });
})();
