/* Cell renderers of the app's AG Grids (dash-ag-grid looks them up by name here).
 *
 * SignificanceMark: a site's place against the benchmark as every chart shows it, the mark's
 * shape in its colour and then its words (layouts/significance.py defines both; the row
 * carries them as mark_glyph, mark_colour and mark_ink, so nothing is defined twice).
 *
 * SiteLink: a site's name as a link to its page (the row's href, made on the server with the
 * selection's query string), followed by Enter on its focused cell too. */
var dagcomponentfuncs = (window.dashAgGridComponentFunctions =
  window.dashAgGridComponentFunctions || {});

dagcomponentfuncs.SignificanceMark = function (props) {
  var row = props.data || {};
  return React.createElement("span", { className: "sig-mark" }, [
    React.createElement(
      "span",
      { key: "glyph", className: "sig-glyph", "aria-hidden": "true", style: { color: row.mark_colour } },
      row.mark_glyph || ""
    ),
    React.createElement(
      "strong",
      { key: "words", className: "sig-words", style: { color: row.mark_ink } },
      props.value
    ),
  ]);
};

dagcomponentfuncs.SiteLink = function (props) {
  var row = props.data || {};
  var cell = props.eGridCell;
  // From the keyboard, AG Grid moves the focus cell by cell and never onto the link inside a
  // cell, so Enter on a focused name did nothing (WCAG 2.1.1; tests/test_browser_keyboard.py):
  // Enter on the cell itself follows its link.
  React.useEffect(
    function () {
      if (!cell || !row.href) {
        return undefined;
      }
      function follow(event) {
        var link = cell.querySelector("a.site-link");
        if (event.key === "Enter" && event.target === cell && link) {
          event.preventDefault();
          link.click();
        }
      }
      cell.addEventListener("keydown", follow);
      return function () {
        cell.removeEventListener("keydown", follow);
      };
    },
    [cell, row.href]
  );
  if (!row.href) {
    return props.value;
  }
  return React.createElement("a", { href: row.href, className: "site-link" }, props.value);
};
