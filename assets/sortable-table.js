/* Sortable tables (the Compare page's sites: layouts/compare/grid.py).
 *
 * A sortable column's header holds a button. Pressing it (a click, or Enter or Space from the
 * keyboard) sorts the body's rows by that column's cells' data-sort values: numbers highest
 * first and words A to Z the first time, the other way the next. Blank values go last either
 * way, ties keep their order. The header says the order to screen readers (aria-sort).
 *
 * The rows are moved, not redrawn. The server gives each new table a new id, so the page draws
 * new figures as a new table instead of pouring them into rows that are now in another order. */
(function () {
  function key(cell, numeric) {
    var raw = cell ? cell.getAttribute("data-sort") : "";
    if (raw === null || raw === "") {
      return null;
    }
    return numeric ? parseFloat(raw) : raw;
  }

  function compare(a, b, numeric) {
    if (numeric) {
      return a - b;
    }
    return a.localeCompare(b, "en-GB", { sensitivity: "base", numeric: true });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("table.sortable-table th .sort-button");
    if (!button) {
      return;
    }
    var header = button.closest("th");
    var table = header.closest("table");
    var body = table.tBodies[0];
    if (!body) {
      return;
    }
    var column = Array.prototype.indexOf.call(header.parentNode.children, header);
    var numeric = header.getAttribute("data-type") === "number";
    var now = header.getAttribute("aria-sort");
    var descending = now ? now === "ascending" : numeric;
    var rows = Array.prototype.map.call(body.rows, function (row, index) {
      return { row: row, index: index, key: key(row.cells[column], numeric) };
    });
    rows.sort(function (a, b) {
      if (a.key === null || b.key === null) {
        return a.key === b.key ? a.index - b.index : a.key === null ? 1 : -1;
      }
      var order = compare(a.key, b.key, numeric) * (descending ? -1 : 1);
      return order || a.index - b.index;
    });
    table.querySelectorAll("th[aria-sort]").forEach(function (other) {
      other.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
    rows.forEach(function (item) {
      body.appendChild(item.row);
    });
  });
})();
