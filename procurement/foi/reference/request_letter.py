"""The request letter e-mailed from the tracker, where the law on record has no `request`
letter template of its own: the legal basis first, then the request as the editor wrote it.

Django templates rendered as plain text with the letter context of
`procurement.foi.rules.letters.context` (`request`, `law`, `authority`, `organisation`, …).
"""

REQUEST_LETTERS = {
    "en": (
        "Request for access to information: {{ request.subject }}",
        """To: {{ authority.name }}

Request for access to information

Under the {{ law.name }}{% if law.gazette %} ({{ law.gazette }}){% endif %}, {{ organisation.name }} requests access to the following information:

{{ request.text }}

We ask you to send the information by e-mail in reply to this message, to the address it comes from.
{% if request.is_urgent %}
The request is urgent: the information concerns the protection of life, liberty, health or the environment.
{% endif %}
{{ organisation.name }}
""",
    ),
    "sr-latn": (
        "Zahtev za pristup informacijama od javnog značaja: {{ request.subject }}",
        """{{ authority.name }}

Zahtev za pristup informacijama od javnog značaja

Na osnovu zakona: {{ law.name }}{% if law.gazette %} ({{ law.gazette }}){% endif %}, {{ organisation.name }} traži pristup sledećim informacijama:

{{ request.text }}

Molimo da nam informacije dostavite elektronskom poštom, odgovorom na ovu poruku, na adresu sa koje je poslata.
{% if request.is_urgent %}
Zahtev je hitan: informacije se odnose na zaštitu života, slobode, zdravlja ili životne sredine.
{% endif %}
{{ organisation.name }}
""",
    ),
}
