/* Suggests authorities while typing in the request form's search box (progressive
   enhancement: without this script the search button lists the same matches). Same-origin,
   no inline code, so the Content-Security-Policy (script-src 'self') allows it. */
(function () {
  "use strict";
  var input = document.getElementById("authority-q");
  var list = document.getElementById("authority-matches");
  if (!input || !list || !window.fetch) { return; }
  var timer = null;
  var latest = 0;

  function item(result) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = input.dataset.chooseUrl + "?authority=" + encodeURIComponent(result.id);
    link.textContent = result.name;
    link.className = "authority-suggestion";
    li.appendChild(link);
    if (result.unconfirmed) {
      var badge = document.createElement("span");
      badge.className = "badge unconfirmed";
      badge.textContent = list.dataset.unconfirmed || "unconfirmed";
      li.appendChild(document.createTextNode(" "));
      li.appendChild(badge);
    }
    var details = [result.jurisdiction].concat(result.aliases).filter(Boolean).join(" · ");
    if (details) {
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = details;
      li.appendChild(document.createTextNode(" "));
      li.appendChild(meta);
    }
    return li;
  }

  // Nothing found: open the "propose a new authority" form, its name filled with the query.
  function offerProposal(query) {
    var proposal = document.getElementById("propose-authority");
    var name = document.getElementById("propose-name");
    if (!proposal) { return; }
    proposal.open = true;
    if (name && !name.value) { name.value = query; }
  }

  function show(results, query) {
    list.textContent = "";
    if (!results.length) {
      var none = document.createElement("li");
      none.textContent = list.dataset.none || "No authority matches “" + query + "”.";
      list.appendChild(none);
      offerProposal(query);
      return;
    }
    results.forEach(function (result) { list.appendChild(item(result)); });
  }

  function suggest() {
    var query = input.value.trim();
    if (query.length < 2) { return; }
    var ticket = ++latest;
    fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(query), {
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { if (ticket === latest) { show(data.results, query); } })
      .catch(function () { /* the search button still works */ });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(suggest, 250);
  });
}());
