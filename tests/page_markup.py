"""The browser journeys' page check (tests/e2e/page_check.js) for server-rendered HTML, where
no browser is needed: inputs without a label, references (for=, aria-describedby,
aria-labelledby) to ids that do not exist, a missing `main` landmark, skipped heading levels."""

from html.parser import HTMLParser

UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}
FIELDS = {"input", "select", "textarea"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.references: list[tuple[str, str, str]] = []  # (element, attribute, id)
        self.fields: list[dict] = []  # attrs of each field, with "_in_label"
        self.label_for: set[str] = set()
        self.headings: list[int] = []
        self.has_main = False
        self._open_labels = 0

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        name = f"{tag}#{attributes['id']}" if attributes.get("id") else tag
        for attribute in ("aria-describedby", "aria-labelledby"):
            for ref in attributes.get(attribute, "").split():
                self.references.append((name, attribute, ref))
        if tag == "label":
            self._open_labels += 1
            if attributes.get("for"):
                self.label_for.add(attributes["for"])
                self.references.append(("label", "for", attributes["for"]))
        if tag in FIELDS and attributes.get("type", "text") not in UNLABELLED_TYPES:
            self.fields.append({**attributes, "_tag": tag, "_in_label": self._open_labels > 0})
        if tag == "main" or attributes.get("role") == "main":
            self.has_main = True
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.headings.append(int(tag[1]))

    def handle_endtag(self, tag):
        if tag == "label" and self._open_labels:
            self._open_labels -= 1


def problems(html: str) -> list[str]:
    """What is wrong with the page, in words (empty when nothing is)."""
    page = _Page()
    page.feed(html)
    found = [
        f'{element} {attribute}="{ref}": no such id'
        for element, attribute, ref in page.references
        if ref not in page.ids
    ]
    for field in page.fields:
        named = (
            field["_in_label"]
            or field.get("id", "") in page.label_for
            or field.get("aria-label", "").strip()
            or field.get("aria-labelledby", "").strip()
            or field.get("title", "").strip()
        )
        if not named:
            found.append(f"{field['_tag']}[name={field.get('name', '')}] has no label")
    if not page.has_main:
        found.append("no main landmark")
    previous = 0
    for level in page.headings:
        if level > previous + 1:
            found.append(f"heading h{level} after h{previous or '(none)'}")
        previous = level
    return found
