// Run by the browser journeys on every page they load (tests/e2e/conftest.py adds it as an
// init script): records, per page, inputs without a label, references (for=,
// aria-describedby, aria-labelledby) to ids that do not exist, a missing `main` landmark and
// skipped heading levels. The findings pile up in localStorage; the fixture reads them.
(() => {
  const KEY = "tracker-page-check";
  const check = () => {
    const problems = [];
    const exists = (id) => document.getElementById(id) !== null;
    const describe = (el) =>
      el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.name ? `[name=${el.name}]` : "");
    for (const el of document.querySelectorAll("[aria-describedby], [aria-labelledby]")) {
      for (const attribute of ["aria-describedby", "aria-labelledby"]) {
        for (const id of (el.getAttribute(attribute) || "").split(/\s+/).filter(Boolean)) {
          if (!exists(id)) problems.push(`${describe(el)} ${attribute}="${id}": no such id`);
        }
      }
    }
    for (const label of document.querySelectorAll("label[for]")) {
      if (!exists(label.htmlFor)) problems.push(`label for="${label.htmlFor}": no such id`);
    }
    const fields = document.querySelectorAll(
      "input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]), select, textarea"
    );
    for (const el of fields) {
      const named =
        el.labels.length > 0 ||
        (el.getAttribute("aria-label") || "").trim() ||
        (el.getAttribute("aria-labelledby") || "").trim() ||
        (el.getAttribute("title") || "").trim();
      if (!named) problems.push(`${describe(el)} has no label`);
    }
    if (!document.querySelector("main, [role=main]")) problems.push("no main landmark");
    let previous = 0;
    for (const heading of document.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
      const level = Number(heading.tagName[1]);
      if (level > previous + 1) {
        const text = heading.textContent.trim().slice(0, 40);
        problems.push(`heading h${level} "${text}" after h${previous || "(none)"}`);
      }
      previous = level;
    }
    const found = JSON.parse(localStorage.getItem(KEY) || "[]");
    found.push({ url: location.pathname + location.search, problems });
    localStorage.setItem(KEY, JSON.stringify(found));
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", check);
  } else {
    check();
  }
})();
