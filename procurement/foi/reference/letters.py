"""Letter templates seeded for every FOI law: a reminder to the authority, and complaints to
the appeal body about silence, a refusal and a refusal on secrecy grounds.

Seed data: an admin edits the rows (LetterTemplate) in the database, never these constants.
Bodies are Django templates rendered as plain text with: `request` (the InfoRequest), `law`,
`authority`, `organisation`, `appeal_body`, and the dates `sent_on`, `received_on`, `due_on`
(the effective deadline), `appeal_due_on`, `decision_delivered_on`, `today`, already written
out in the letter's language, and `overdue` (the deadline has passed: before it, a reminder
asks politely whether the answer is on its way). Bracketed parts are for the requester to complete.
"""

SIGNATURE_EN = """
{{ today }}
{{ organisation.name }}
[name and signature]"""

REQUEST_QUOTED_EN = """The request read:

{{ request.text }}"""

EN = {
    "reminder": (
        "Reminder: request for information “{{ request.subject }}” of {{ sent_on }}",
        """To: {{ authority.name }}
{% if request.reference_number %}Your reference: {{ request.reference_number }}
{% endif %}
Reminder — request for access to information “{{ request.subject }}”

On {{ sent_on }} we sent you a request for access to information under the {{ law.name }}{% if law.gazette %} ({{ law.gazette }}){% endif %}{% if received_on %}, which you received on {{ received_on }}{% endif %}.
{% if overdue %}{% if due_on %}
Under the law the answer was due by {{ due_on }}.{% endif %} We have received neither the information nor a decision on the request.

We ask you to send us the information without further delay.{% else %}{% if due_on %}
Under the law the answer is due by {{ due_on }}.{% endif %} We would be grateful to know whether the answer is on its way, and when we may expect it.{% endif %}

"""
        + REQUEST_QUOTED_EN
        + "\n"
        + SIGNATURE_EN,
    ),
    "complaint_silence": (
        "Complaint: no answer from {{ authority.name }} to a request for information",
        """To: {{ appeal_body }}

Complaint against {{ authority.name }} for not answering a request for access to information

Complainant: {{ organisation.name }}
Authority: {{ authority.name }}

On {{ sent_on }} we submitted a request for access to information to {{ authority.name }}{% if received_on %}, received on {{ received_on }}{% endif %}{% if request.reference_number %} (reference {{ request.reference_number }}){% endif %}.

The time limit set by the {{ law.name }} expired on {{ due_on }}. To this day the authority has neither provided the information nor issued a decision on the request.

We ask the {{ appeal_body }} to uphold this complaint and to order {{ authority.name }} to give us access to the information requested.

"""
        + REQUEST_QUOTED_EN
        + """

Enclosed: a copy of the request{% if received_on %} and proof of its receipt{% endif %}.
"""
        + SIGNATURE_EN,
    ),
    "complaint_refusal": (
        "Complaint against the decision of {{ authority.name }} on a request for information",
        """To: {{ appeal_body }}

Complaint against the decision of {{ authority.name }}{% if decision_delivered_on %} delivered on {{ decision_delivered_on }}{% endif %}

Complainant: {{ organisation.name }}
Authority: {{ authority.name }}

On {{ sent_on }} we submitted a request for access to information to {{ authority.name }}{% if request.reference_number %} (reference {{ request.reference_number }}){% endif %}. The authority {% if request.status == "partially_answered" %}answered only in part{% elif request.status == "not_held" %}replied that it does not hold the information{% else %}refused the request{% endif %}{% if request.refusal_ground %}, citing: {{ request.refusal_ground }}{% endif %}.

We consider the decision unfounded: [explain why the information is of public importance and why the ground cited does not apply{% if request.status == "not_held" %}, and why the authority must hold it{% endif %}].{% if law.harm_test_required %} Under the {{ law.name }} access may be restricted only where disclosure would seriously harm a protected interest that outweighs the public's interest in knowing; the decision does not show such harm.{% endif %}

We ask the {{ appeal_body }} to annul the decision and to order {{ authority.name }} to give us access to the information requested.

"""
        + REQUEST_QUOTED_EN
        + """

Enclosed: a copy of the request and of the decision.
"""
        + SIGNATURE_EN,
    ),
    "complaint_classified": (
        "Complaint: {{ authority.name }} refused information as classified",
        """To: {{ appeal_body }}

Complaint against the refusal of {{ authority.name }} to give access to information marked as classified

Complainant: {{ organisation.name }}
Authority: {{ authority.name }}

On {{ sent_on }} we submitted a request for access to information to {{ authority.name }}{% if request.reference_number %} (reference {{ request.reference_number }}){% endif %}.{% if decision_delivered_on %} On {{ decision_delivered_on }} the authority{% else %} The authority{% endif %} refused it on the ground that the information is classified{% if request.classification_level %} “{{ request.classification_level }}”{% endif %}{% if request.classification_article %}, citing {{ request.classification_article }}{% endif %}.
{% if request.harm_test_given is False %}
The decision does not show that the authority weighed the harm that disclosure would cause against the public interest in knowing. A classification mark alone does not justify a refusal.
{% elif request.harm_test_given %}
We dispute the authority's weighing of harm and public interest: [explain why the public interest prevails].
{% endif %}{% if law.harm_test_required %}
Under the {{ law.name }} access may be refused only where disclosure would seriously harm a protected interest that outweighs the public interest; the authority must show that harm for the information itself, not only point to its classification.
{% endif %}

We ask the {{ appeal_body }} to examine whether the information was classified lawfully and whether the classification is still justified, to annul the decision, and to order {{ authority.name }} to give access to the information, or at least to the parts of it that are not classified.

"""
        + REQUEST_QUOTED_EN
        + """

Enclosed: a copy of the request and of the decision.
"""
        + SIGNATURE_EN,
    ),
}

SIGNATURE_SR = """
{{ today }}
{{ organisation.name }}
[ime, prezime i potpis]"""

REQUEST_QUOTED_SR = """Zahtevom smo tražili:

{{ request.text }}"""

COMMISSIONER_SR = "Povereniku za informacije od javnog značaja i zaštitu podataka o ličnosti"

# Serbian (Latin) versions for the law of Serbia.
SR_LATN = {
    "reminder": (
        "Urgencija: zahtev za pristup informacijama od {{ sent_on }} — „{{ request.subject }}“",
        """{{ authority.name }}
{% if request.reference_number %}Vaš broj: {{ request.reference_number }}
{% endif %}
Predmet: Urgencija — zahtev za slobodan pristup informacijama od javnog značaja „{{ request.subject }}“

Dana {{ sent_on }} uputili smo vam zahtev za slobodan pristup informacijama od javnog značaja na osnovu Zakona o slobodnom pristupu informacijama od javnog značaja{% if received_on %}, koji ste primili {{ received_on }}{% endif %}.
{% if overdue %}{% if due_on %}
Zakonski rok za postupanje po zahtevu istekao je {{ due_on }}.{% endif %} Do danas nismo dobili tražene informacije niti rešenje o zahtevu.

Molimo vas da nam tražene informacije dostavite bez daljeg odlaganja.{% else %}{% if due_on %}
Zakonski rok za postupanje po zahtevu ističe {{ due_on }}.{% endif %} Bili bismo vam zahvalni da nas obavestite da li je odgovor u pripremi i kada ga možemo očekivati.{% endif %}

"""
        + REQUEST_QUOTED_SR
        + "\n"
        + SIGNATURE_SR,
    ),
    "complaint_silence": (
        "Žalba: {{ authority.name }} nije postupio po zahtevu za pristup informacijama",
        COMMISSIONER_SR
        + """

ŽALBA
protiv organa vlasti {{ authority.name }} zbog nepostupanja po zahtevu za slobodan pristup informacijama od javnog značaja

Žalilac: {{ organisation.name }}

Dana {{ sent_on }} podneli smo organu vlasti {{ authority.name }} zahtev za slobodan pristup informacijama od javnog značaja{% if received_on %}, koji je primljen {{ received_on }}{% endif %}{% if request.reference_number %} (broj {{ request.reference_number }}){% endif %}.

Zakonski rok za postupanje po zahtevu istekao je {{ due_on }}. Organ vlasti nam do danas nije dostavio tražene informacije niti je doneo rešenje o zahtevu.

Predlažemo da Poverenik uvaži žalbu i naloži organu vlasti da nam omogući pristup traženim informacijama.

"""
        + REQUEST_QUOTED_SR
        + """

U prilogu: kopija zahteva{% if received_on %} i dokaz o njegovom prijemu{% endif %}.
"""
        + SIGNATURE_SR,
    ),
    "complaint_refusal": (
        "Žalba protiv rešenja organa vlasti {{ authority.name }}",
        COMMISSIONER_SR
        + """

ŽALBA
protiv rešenja organa vlasti {{ authority.name }}{% if decision_delivered_on %} primljenog {{ decision_delivered_on }}{% endif %}

Žalilac: {{ organisation.name }}

Dana {{ sent_on }} podneli smo organu vlasti {{ authority.name }} zahtev za slobodan pristup informacijama od javnog značaja{% if request.reference_number %} (broj {{ request.reference_number }}){% endif %}. Organ vlasti je {% if request.status == "partially_answered" %}samo delimično postupio po zahtevu{% elif request.status == "not_held" %}odgovorio da ne poseduje tražene informacije{% else %}odbio zahtev{% endif %}{% if request.refusal_ground %}, pozivajući se na: {{ request.refusal_ground }}{% endif %}.

Smatramo da je rešenje neosnovano: [obrazložite zašto su informacije od javnog značaja i zašto se navedeni razlog ne primenjuje]. Pristup informacijama može se ograničiti samo ako bi se njihovim otkrivanjem ozbiljno povredio zakonom zaštićeni interes koji preteže nad interesom javnosti da zna, što organ vlasti nije pokazao.

Predlažemo da Poverenik poništi rešenje i naloži organu vlasti da nam omogući pristup traženim informacijama.

"""
        + REQUEST_QUOTED_SR
        + """

U prilogu: kopija zahteva i rešenja.
"""
        + SIGNATURE_SR,
    ),
    "complaint_classified": (
        "Žalba: {{ authority.name }} odbio pristup informacijama označenim kao tajna",
        COMMISSIONER_SR
        + """

ŽALBA
protiv odluke organa vlasti {{ authority.name }} kojom je odbijen pristup informacijama označenim kao tajna

Žalilac: {{ organisation.name }}

Dana {{ sent_on }} podneli smo organu vlasti {{ authority.name }} zahtev za slobodan pristup informacijama od javnog značaja{% if request.reference_number %} (broj {{ request.reference_number }}){% endif %}. Organ vlasti je {% if decision_delivered_on %}{{ decision_delivered_on }} {% endif %}odbio zahtev uz obrazloženje da su informacije označene kao tajna{% if request.classification_level %} („{{ request.classification_level }}“){% endif %}{% if request.classification_article %}, pozivajući se na {{ request.classification_article }}{% endif %}.
{% if request.harm_test_given is False %}
Iz odluke se ne vidi da je organ vlasti odmerio štetu od otkrivanja informacija u odnosu na interes javnosti da zna. Sama oznaka tajnosti nije dovoljan razlog za odbijanje zahteva.
{% elif request.harm_test_given %}
Osporavamo ocenu organa vlasti o šteti i interesu javnosti: [obrazložite zašto preteže interes javnosti].
{% endif %}
Prema članu 9. tačka 5) Zakona o slobodnom pristupu informacijama od javnog značaja, pristup informaciji označenoj kao tajna može se uskratiti samo ako bi njenim otkrivanjem mogle nastupiti teške pravne ili druge posledice po interese zaštićene zakonom koji pretežu nad interesom za pristup informaciji.

Predlažemo da Poverenik ispita da li su informacije zakonito označene kao tajna i da li je oznaka i dalje opravdana, da poništi odluku i naloži organu vlasti da nam omogući pristup informacijama, ili bar onim delovima koji nisu tajni.

"""
        + REQUEST_QUOTED_SR
        + """

U prilogu: kopija zahteva i odluke.
"""
        + SIGNATURE_SR,
    ),
}

# language → templates; RS also gets the Serbian (Latin) versions.
LETTERS = {"en": EN}
LETTERS_BY_JURISDICTION = {"RS": {"sr-latn": SR_LATN}}
