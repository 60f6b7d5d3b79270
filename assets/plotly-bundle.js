/* dcc.Graph loads plotly.js, when a page first draws a chart, from the address in
 * window._dashPlotlyJSURL, which the renderer sets to the full bundle (4.8 MB, about a second
 * of a laptop's time to read before the first chart is drawn). Every chart here is a scatter
 * or a bar, so it reads plotly.js's own basic bundle instead (scatter, bar, pie: 1.2 MB, the
 * same version, in assets/vendor/, which Dash serves but does not put on every page). */
(function () {
    "use strict";
    var config = document.getElementById("_dash-config");
    var prefix = "/";
    try {
        prefix = JSON.parse(config.textContent).requests_pathname_prefix || "/";
    } catch (e) { /* no config: the app is served at the root */ }
    var url = prefix + "assets/vendor/plotly-basic-4.1.1.min.js";
    Object.defineProperty(window, "_dashPlotlyJSURL", {
        configurable: true,
        get: function () { return url; },
        set: function () { /* the renderer's full bundle: not wanted */ },
    });
})();
