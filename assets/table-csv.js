// "Download CSV" under each "View as table": the table on screen, written as CSV in the
// browser. A cell that starts with = + - @ (or a tab or carriage return) gets a leading
// single quote so a spreadsheet cannot run it as a formula (as dashboard/exports.py does);
// a plain number such as -0.5 stays a number.
(function () {
  "use strict";
  var TRIGGERS = ["=", "+", "-", "@", "\t", "\r"];

  function cell(text) {
    var value = text.trim();
    var number = /^[-+]?[0-9][0-9,]*(\.[0-9]+)?%?$/.test(value);
    if (value && !number && TRIGGERS.indexOf(value.charAt(0)) >= 0) {
      value = "'" + value;
    }
    return /[",\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  function tableCsv(table) {
    return Array.prototype.map.call(table.rows, function (row) {
      return Array.prototype.map.call(row.cells, function (c) {
        return cell(c.textContent || "");
      }).join(",");
    }).join("\r\n") + "\r\n";
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".table-csv-download");
    if (!button) {
      return;
    }
    var holder = button.closest(".table-alternative") || button.parentElement;
    var table = holder && holder.querySelector("table");
    if (!table) {
      return;
    }
    var text = tableCsv(table);
    window.dreLastCsv = text; // what the last download held (read by the browser tests)
    var blob = new Blob(["\ufeff" + text], {type: "text/csv;charset=utf-8"});
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = button.getAttribute("data-filename") || "table.csv";
    document.body.appendChild(link);
    link.click();
    setTimeout(function () {
      URL.revokeObjectURL(link.href);
      link.remove();
    }, 0);
  });
})();
