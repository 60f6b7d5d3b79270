/* The component layouts/html_block.py describes: a div whose contents are HTML the server
 * wrote (every text escaped there, only known attributes), read by the browser as it reads a
 * page instead of being built from thousands of React components. */
(function () {
    "use strict";
    function Html(props) {
        var attributes = {
            id: props.id,
            className: props.className,
            role: props.role,
            dangerouslySetInnerHTML: { __html: props.html || "" },
        };
        Object.keys(props).forEach(function (name) {
            if (name.indexOf("data-") === 0 || name.indexOf("aria-") === 0) {
                attributes[name] = props[name];
            }
        });
        return window.React.createElement("div", attributes);
    }
    window.dre_html = Object.assign(window.dre_html || {}, { Html: Html });
})();
