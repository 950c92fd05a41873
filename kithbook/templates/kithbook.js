/* kithbook's tables, shipped inside the site (no other host is asked for anything).
 * A click on a column's name sorts a table.kb-sortable by it (again: the other way);
 * typing in input[data-kb-filter] keeps the rows holding every word typed, case and
 * accents aside, and unfolds a folded list that has some. The script only reorders
 * and hides the rows the page already has, and writes plain text (textContent): it
 * never makes markup out of anything. Its listeners sit on the document, so tables
 * that appear later (an encrypted page, once decrypted) work as well. */
(function () {
  "use strict";

  var texts = new WeakMap();

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function rowText(row) {
    var text = texts.get(row);
    if (text === undefined) {
      text = fold(row.textContent);
      texts.set(row, text);
    }
    return text;
  }

  function value(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    var given = cell.getAttribute("data-kb-value");
    return given !== null ? given : cell.textContent.trim();
  }

  function compare(kind, a, b) {
    if (kind === "number") return (parseFloat(a) || 0) - (parseFloat(b) || 0);
    if (a === "" || b === "") return (a === "") - (b === "");  /* nothing known: last */
    if (kind === "date") return a < b ? -1 : a > b ? 1 : 0;
    return a.localeCompare(b, undefined, { sensitivity: "base", numeric: true });
  }

  function sort(th) {
    var table = th.closest("table");
    var body = table && table.tBodies[0];
    if (!body) return;
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var kind = th.getAttribute("data-kb-sort") || "text";
    /* numbers and dates: most and latest first; words: A first */
    var first = kind === "text" ? "ascending" : "descending";
    var now = th.getAttribute("aria-sort");
    var order = now === first ? (first === "ascending" ? "descending" : "ascending") : first;
    Array.prototype.forEach.call(th.parentNode.children, function (other) {
      other.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", order);
    var sign = order === "ascending" ? 1 : -1;
    var rows = Array.prototype.map.call(body.rows, function (row, at) {
      return { row: row, at: at, value: value(row, index) };
    });
    rows.sort(function (x, y) {
      var empty = (x.value === "") - (y.value === "");
      if (kind !== "number" && empty) return empty;
      return sign * compare(kind, x.value, y.value) || x.at - y.at;
    });
    var fragment = document.createDocumentFragment();
    rows.forEach(function (item) { fragment.appendChild(item.row); });
    body.appendChild(fragment);
  }

  function filter(input) {
    var scope = input.closest("article") || document;
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    var total = 0;
    scope.querySelectorAll("table.kb-sortable").forEach(function (table) {
      var found = 0;
      Array.prototype.forEach.call(table.tBodies[0] ? table.tBodies[0].rows : [], function (row) {
        var text = rowText(row);
        var keep = words.every(function (word) { return text.indexOf(word) !== -1; });
        row.hidden = !keep;
        if (keep) found += 1;
        total += 1;
      });
      shown += found;
      var folded = table.closest("details");
      if (folded && words.length && found) folded.open = true;
    });
    var count = scope.querySelector("output[data-kb-count]");
    if (count) {
      count.textContent = words.length ? shown + " of " + total : "";
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("table.kb-sortable th button");
    if (button) sort(button.closest("th"));
  });
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("input[data-kb-filter]")) filter(event.target);
  });
})();
