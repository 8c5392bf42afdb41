"""Agreements, processes, awards, contracts and FOI requests of the demo dataset.

Every row is a fact of the policy paper (cited with its section); where the paper gives no
value, the value is undisclosed — never 0. Dates known only by year or month carry that
precision ("2009" is 2009-01-01 with precision "year").
"""

from datetime import date
from decimal import Decimal

SECTION_SERBIA = "Serbia: The Focal Point of China's 'Digital Silk Road'"
SECTION_TELECOM = SECTION_SERBIA + " — Huawei's involvement in telecommunication"
SECTION_BIG_BROTHER = "Big Brother is watching"
SECTION_SMART = SECTION_BIG_BROTHER + " (Smart City)"
SECTION_WASHINGTON = "Washington agreement – the paper tiger"
SECTION_KOSOVO = "DSR in the Western Balkans — Kosovo: no recognition, no cooperation"
SECTION_MK = "DSR in the Western Balkans — North Macedonia: strong partner of the West"
SECTION_AL = "DSR in the Western Balkans — Albania: keeping the distance"
SECTION_ME = "DSR in the Western Balkans — Montenegro: the one that treads lightly"
SECTION_BA = "DSR in the Western Balkans — Bosnia and Herzegovina: surprising DSR hotspot"

EXEMPTION_2009 = (
    "Projects classed as infrastructure under the agreement may be carried out without the "
    "competition rules of the public-procurement law, tender included."
)
DIRECT_DETAILS = (
    "Direct award outside the Public Procurement Law (intergovernmental-agreement exemption)"
)

AGREEMENTS = {
    "rs_cn_2009": {
        "title": "Strategic Agreement on Economic, Technological and Infrastructural Cooperation between Serbia and China",
        "short_title": "2009 Serbia–China strategic agreement",
        "kind": "intergovernmental",
        "signed_on": (date(2009, 1, 1), "year"),
        "exempts_procurement": True,
        "exemption_reference": "Public Procurement Law exemption for procurements under an international agreement",
        "exemption_text": EXEMPTION_2009,
        "description": "Starting point of contemporary Serbia–China relations and cornerstone of joint projects.",
        "parties": [("gov_rs", "signatory", ""), ("gov_cn", "signatory", "")],
        "locator": SECTION_SERBIA,
    },
    "rs_cn_2016": {
        "title": "Comprehensive Strategic Partnership between Serbia and China",
        "short_title": "2016 Comprehensive Strategic Partnership",
        "kind": "strategic_partnership",
        "signed_on": (date(2016, 1, 1), "year"),
        "description": "Established during Xi Jinping's visit to Belgrade; a political framework.",
        "parties": [("gov_rs", "signatory", ""), ("gov_cn", "signatory", "Xi Jinping")],
        "locator": SECTION_SERBIA,
    },
    "rs_cn_2017_dsr": {
        "title": "MoU on Strengthening the Development of Information Silk Road for Information Connectivity",
        "short_title": "2017 Information Silk Road MoU",
        "kind": "mou",
        "signed_on": (date(2017, 1, 1), "year"),
        "description": "Framework of the Digital Silk Road in Serbia; followed by a summit in Belgrade.",
        "parties": [("gov_rs", "signatory", ""), ("gov_cn", "signatory", "")],
        "locator": SECTION_SERBIA,
    },
    "washington_2020": {
        "title": "Washington agreement on the normalisation of economic relations (Serbia, Kosovo, with the US)",
        "short_title": "2020 Washington agreement",
        "kind": "intergovernmental",
        "signed_on": (date(2020, 9, 4), "day"),
        "description": (
            "Article 9: \"both parties will prohibit the use of 5G equipment supplied by 'untrusted "
            "vendors' in their communications networks. Where such equipment is already present, "
            'both parties commit to removal and other mediation efforts in a timely fashion." '
            "Serbia signed no follow-up agreement with the US and passed no law."
        ),
        "parties": [
            ("gov_rs", "signatory", "Aleksandar Vučić"),
            ("gov_xk", "signatory", "Avdullah Hoti"),
            ("gov_us", "facilitator", "Donald Trump"),
        ],
        "locator": SECTION_WASHINGTON,
    },
    "al_us_clean_2020": {
        "title": "Albania joins the Clean Network initiative",
        "short_title": "2020 Albania – Clean Network",
        "kind": "initiative",
        "signed_on": (date(2020, 8, 1), "month"),
        "description": "A ban on future use of Chinese equipment and cutting existing ties.",
        "parties": [("gov_al", "signatory", ""), ("gov_us", "signatory", "")],
        "locator": SECTION_AL,
    },
    "xk_us_clean_2020": {
        "title": "MoU between Kosovo and the US on Clean Network compliance",
        "short_title": "2020 Kosovo–US Clean Network MoU",
        "kind": "mou",
        "signed_on": (date(2020, 10, 1), "month"),
        "description": "Confirms that Chinese companies will not take part in Kosovo's 5G rollout.",
        "parties": [("gov_xk", "signatory", "Avdullah Hoti"), ("gov_us", "signatory", "")],
        "locator": SECTION_KOSOVO,
    },
    "mk_us_5g_2020": {
        "title": "MoU between North Macedonia and the US on the security of 5G technologies",
        "short_title": "2020 North Macedonia–US 5G MoU",
        "kind": "mou",
        "signed_on": (date(2020, 1, 1), "year"),
        "description": "Signed by Prime Minister Zaev, with readiness to ban 'untrusted vendors' from 5G.",
        "parties": [("gov_mk", "signatory", "Zoran Zaev"), ("gov_us", "signatory", "")],
        "locator": SECTION_MK,
    },
    "mup_huawei_2014": {
        "title": "MoU between the Ministry of Interior and Huawei on the 'Safe Society' project",
        "short_title": "2014 Ministry of Interior–Huawei MoU",
        "kind": "mou",
        "signed_on": (date(2014, 1, 1), "year"),
        "description": "Cooperation and next steps in the realisation of the 'Safe Society' (Safe City) project.",
        "parties": [("mup_rs", "signatory", ""), ("huawei", "signatory", "")],
        "locator": SECTION_BIG_BROTHER,
    },
    "rs_huawei_smart_2019": {
        "title": "MoU between the Government of Serbia and Huawei on the development of Smart Cities",
        "short_title": "2019 Smart Cities MoU",
        "kind": "mou",
        "signed_on": (date(2019, 4, 1), "month"),
        "description": "A Smart City strategy, with Niš as the pilot, then Belgrade and Novi Sad.",
        "parties": [("gov_rs", "signatory", ""), ("huawei", "signatory", "")],
        "locator": SECTION_SMART,
    },
    "ba_moct_2018": {
        "title": "Agreement between the BiH Ministry of Communications and Transport and a Chinese company on technical support for Smart City and Safe City",
        "short_title": "2018 BiH Smart/Safe City agreement",
        "kind": "cooperation",
        "signed_on": (date(2018, 1, 1), "year"),
        "description": "Signed at the 3rd China-CEEC Conference on Innovation Cooperation, hosted by Bosnia and Herzegovina.",
        "parties": [("moct_ba", "signatory", ""), ("chinese_company_ba", "signatory", "")],
        "locator": SECTION_BA,
    },
    "sarajevo_huawei_2018": {
        "title": "Cooperation agreement between the City of Sarajevo and Huawei on Smart City solutions",
        "short_title": "2018 Sarajevo–Huawei Smart City agreement",
        "kind": "cooperation",
        "signed_on": (date(2018, 1, 1), "year"),
        "description": "Signed under the framework of the 3rd China-CEEC Conference on Innovation Cooperation.",
        "parties": [("sarajevo", "signatory", ""), ("huawei", "signatory", "")],
        "locator": SECTION_BA,
    },
    "me_loan_highway": {
        "title": "Chinese loan for the Bar–Boljare highway",
        "short_title": "Bar–Boljare highway loan",
        "kind": "loan",
        "signed_on": (None, "day"),
        "description": "Has made China a significant actor in Montenegro and limited its options; a 'debt trap' risk.",
        "parties": [("gov_me", "signatory", ""), ("chinese_lender", "signatory", "")],
        "locator": SECTION_ME,
    },
}


def money(amount: str, currency: str, approximate: bool = False) -> dict:
    return {"amount": Decimal(amount), "currency": currency, "approximate": approximate}


SAFE_CITY_RATIONALE = (
    "No public tender. Negotiations were held from 2011 under the 2009 Strategic Agreement on "
    "Economic, Technological and Infrastructural Cooperation between Serbia and China, which "
    "allows infrastructure projects to skip the competition rules of the public-procurement law; "
    "the procurement information is classified 'secret'."
)


# Each process: its awards, each award its contracts, each contract its amendments.
PROCESSES = [
    {
        "ocid": "ocds-ptwb01-RS-MUP-SAFECITY-1",
        "country": "RS",
        "buyer": "mup_rs",
        "sector": "surveillance",
        "method": "direct",
        "title": "Safe City ('Safe Society') phase 1: eLTE and replacement of 100 cameras at 61 Belgrade locations",
        "description": (
            "Negotiations between the Ministry of Interior and Huawei started in 2011 under the 2009 "
            "Serbia–China agreement; an MoU followed in 2014, and a strategic partnership agreement "
            "for eLTE technology and the Safe City solutions in 2017."
        ),
        "method_details": DIRECT_DETAILS,
        "method_rationale": SAFE_CITY_RATIONALE,
        "status": "complete",
        "review": "published",
        "locator": SECTION_BIG_BROTHER,
        "awards": [
            {
                "title": "Safe City phase 1 awarded to Huawei",
                "suppliers": [("huawei", "")],
                "date": (date(2017, 1, 1), "year"),
                "legal_basis": "agreement",
                "agreement": "rs_cn_2009",
                "legal_basis_note": "Negotiated under the 2009 Serbia–China strategic agreement (MoU 2014, agreement 2017).",
                "confidentiality": "classified",
                "classification_level": "secret",
                "contracts": [
                    {
                        "title": "Strategic partnership agreement between the Ministry of Interior and Huawei for eLTE and Safe City",
                        "signed_on": (date(2017, 1, 1), "year"),
                        "confidentiality": "classified",
                    }
                ],
            }
        ],
    },
    {
        "ocid": "ocds-ptwb01-RS-MUP-SAFECITY-2",
        "country": "RS",
        "buyer": "mup_rs",
        "sector": "surveillance",
        "method": "direct",
        "title": "Safe City phase 2: 1,000 cameras with facial recognition at 800 Belgrade locations",
        "description": (
            "Announced by the Minister of Interior in January 2019 without naming the supplier, "
            "which was Huawei. The Ministry has published 290 camera locations without device counts; "
            "#1000kamera volunteers mapped 1,001 cameras at 447 locations in Belgrade."
        ),
        "method_details": DIRECT_DETAILS,
        "method_rationale": SAFE_CITY_RATIONALE,
        "status": "active",
        "review": "published",
        "locator": SECTION_BIG_BROTHER,
        "awards": [
            {
                "title": "Safe City phase 2 awarded to Huawei",
                "suppliers": [("huawei", "")],
                "date": (date(2019, 1, 1), "month"),
                "legal_basis": "agreement",
                "agreement": "rs_cn_2009",
                "legal_basis_note": "Continuation of the cooperation negotiated under the 2009 Serbia–China agreement.",
                "confidentiality": "classified",
                "classification_level": "secret",
            }
        ],
    },
    {
        "ocid": "ocds-ptwb01-RS-TELEKOM-ALLIP",
        "country": "RS",
        "buyer": "telekom_rs",
        "sector": "telecom",
        "method": "direct",
        "title": "ALL-IP network modernisation (framework agreement with Huawei)",
        "description": (
            "Framework agreement signed during Xi Jinping's 2016 visit; General Director Predrag "
            "Ćulibrk (Предраг Ћулибрк) said amendments signed three months later created the legal "
            "framework to buy equipment, services and infrastructure from Huawei. The whole network "
            "modernisation was estimated at EUR 800 million – 1 billion."
        ),
        "method_details": "No tender; possibly under the 2009 Serbia–China agreement",
        "method_rationale": (
            "Not explained. If classed as an infrastructural telecommunication project, it could fall "
            "under the 2009 Strategic Agreement and skip the tender procedure; details not public."
        ),
        "status": "complete",
        "review": "published",
        "locator": SECTION_TELECOM,
        "awards": [
            {
                "title": "ALL-IP network project awarded to Huawei",
                "suppliers": [("huawei", "")],
                "date": (date(2016, 1, 1), "year"),
                "value": money("150000000", "EUR", approximate=True),
                "legal_basis": "unknown",
                "agreement": "rs_cn_2009",
                "legal_basis_note": "Possibly under the 2009 Serbia–China agreement; the details have not been made public.",
                "confidentiality": "partly",
                "contracts": [
                    {
                        "title": "ALL-IP framework agreement between Telekom Srbija and Huawei",
                        "signed_on": (date(2016, 1, 1), "year"),
                        "confidentiality": "partly",
                        "amendments": [
                            {
                                "amended_on": (date(2016, 1, 1), "year"),
                                "description": "Amendments signed three months after the framework agreement.",
                                "rationale": "Created the legal framework for Telekom Srbija to purchase equipment, services and infrastructure from Huawei.",
                            }
                        ],
                    }
                ],
            }
        ],
    },
    {
        "ocid": "ocds-ptwb01-RS-GOV-SMARTCITY",
        "country": "RS",
        "buyer": "gov_rs",
        "sector": "smart_city",
        "method": "direct",
        "title": "Smart Cities: strategy and pilot in Niš, then Belgrade and Novi Sad",
        "description": "Huawei positioned as the strategic partner of cities and local governments, Niš as the pilot.",
        "method_details": "Strategic partnership under an MoU; no procurement procedure",
        "method_rationale": "Based on the 2019 MoU between the Government of Serbia and Huawei on Smart Cities.",
        "status": "active",
        "review": "published",
        "locator": SECTION_SMART,
        "awards": [
            {
                "title": "Smart City partnership with Huawei",
                "suppliers": [("huawei", "")],
                "date": (date(2019, 4, 1), "month"),
                "legal_basis": "agreement",
                "agreement": "rs_huawei_smart_2019",
            }
        ],
    },
    {
        "ocid": "ocds-ptwb01-RS-NDC-GRANT",
        "country": "RS",
        "buyer": "ndc_kg",
        "sector": "data_centre",
        "method": "",
        "title": "AI platform and cloud infrastructure for the National Data Center (Huawei grant)",
        "description": "Huawei signed an agreement and provided a grant; it has been a commercial user of the data center since December 2020.",
        "status": "complete",
        "review": "published",
        "locator": SECTION_SERBIA,
        "awards": [
            {
                "title": "Grant from Huawei for the National Data Center",
                "suppliers": [("huawei", "donor")],
                "date": (date(2020, 1, 1), "year"),
                "legal_basis": "grant",
            }
        ],
    },
    {
        "ocid": "ocds-ptwb01-RS-KG-CITYDC",
        "country": "RS",
        "buyer": "citydc_kg",
        "sector": "data_centre",
        "method": "",
        "title": "Equipment for the Kragujevac City Data Center (Huawei grant)",
        "description": "Huawei solely funded the second data center in Kragujevac.",
        "status": "complete",
        "review": "published",
        "locator": SECTION_SERBIA,
        "awards": [
            {
                "title": "USD 2 million grant from Huawei for the Kragujevac City Data Center",
                "suppliers": [("huawei", "donor")],
                "value": money("2000000", "USD"),
                "legal_basis": "grant",
            }
        ],
    },
    {
        "ocid": "ocds-ptwb01-RS-TELENOR-5GTRIAL",
        "country": "RS",
        "buyer": "telenor_rs",
        "sector": "telecom",
        "method": "",
        "title": "5G base station test trial with Huawei equipment",
        "description": "A test; Telenor awaits the full 5G rollout.",
        "status": "complete",
        "review": "unverified",
        "locator": SECTION_TELECOM,
        "awards": [
            {
                "title": "Huawei equipment for Telenor's 5G trial",
                "suppliers": [("huawei", "")],
                "date": (date(2019, 6, 1), "month"),
                "legal_basis": "private",
            }
        ],
    },
    {
        "ocid": "ocds-ptwb01-RS-AIRPORT-CCTV",
        "country": "RS",
        "buyer": "airport_bg",
        "sector": "surveillance",
        "method": "",
        "title": "Video surveillance at Belgrade Nikola Tesla Airport (Dahua equipment)",
        "description": "Cameras installed by hired subcontractors, according to the airport's representatives.",
        "status": "complete",
        "review": "unverified",
        "locator": SECTION_BIG_BROTHER,
        "awards": [
            {
                "title": "Dahua video surveillance at the airport",
                "suppliers": [("dahua", "through subcontractors")],
                "date": (date(2016, 1, 1), "year"),
                "legal_basis": "subcontract",
            }
        ],
    },
    {
        "ocid": "ocds-ptwb01-RS-RATEL-5G",
        "country": "RS",
        "buyer": "ratel",
        "sector": "telecom",
        "method": "open",
        "title": "5G frequency auction",
        "description": (
            "Planned for the second half of 2020, moved to the first quarter of 2021 because of "
            "COVID-19, then postponed: in December 2020 the Prime Minister said the tender would not "
            "be held in 2021 either."
        ),
        "status": "planned",
        "review": "published",
        "locator": SECTION_TELECOM,
        "awards": [],
    },
    {
        "ocid": "ocds-ptwb01-ME-BAR-BOLJARE",
        "country": "ME",
        "buyer": "gov_me",
        "sector": "transport",
        "method": "",
        "title": "Bar–Boljare highway",
        "description": "Financed by a Chinese loan; the estimated cost is about EUR 1.3 billion.",
        "estimate": money("1300000000", "EUR", approximate=True),
        "status": "active",
        "review": "published",
        "locator": SECTION_ME,
        "awards": [
            {
                "title": "Bar–Boljare highway (loan-financed)",
                "suppliers": [],
                "legal_basis": "loan",
                "agreement": "me_loan_highway",
                "legal_basis_note": "Financed by a Chinese loan; the contractor is not named in the source.",
            }
        ],
    },
    {
        "ocid": "ocds-ptwb01-ME-TELEKOM-3G",
        "country": "ME",
        "buyer": "telekom_me",
        "sector": "telecom",
        "method": "",
        "title": "3G network expansion",
        "status": "complete",
        "review": "published",
        "locator": SECTION_ME,
        "awards": [
            {
                "title": "3G network expansion by Huawei",
                "suppliers": [("huawei", "")],
                "date": (date(2011, 1, 1), "year"),
                "legal_basis": "unknown",
                "legal_basis_note": "An agreement signed with Montenegro Telekom in 2011; how Huawei was chosen is not stated.",
                "contracts": [
                    {
                        "title": "Agreement between Montenegro Telekom and Huawei on the 3G network expansion",
                        "signed_on": (date(2011, 1, 1), "year"),
                    }
                ],
            }
        ],
    },
    {
        "ocid": "ocds-ptwb01-ME-TELEKOM-5G",
        "country": "ME",
        "buyer": "telekom_me",
        "sector": "telecom",
        "method": "",
        "title": "First phase of the 5G network (commercial rollout from 2022)",
        "description": "Ericsson and Nokia equipment, as in the existing 4G network.",
        "status": "active",
        "review": "published",
        "locator": SECTION_ME,
        "awards": [
            {
                "title": "5G first phase: Ericsson and Nokia",
                "suppliers": [("ericsson", ""), ("nokia", "")],
                "legal_basis": "unknown",
            }
        ],
    },
    {
        "ocid": "ocds-ptwb01-BA-MKT-SMARTSAFE",
        "country": "BA",
        "buyer": "moct_ba",
        "sector": "smart_city",
        "method": "direct",
        "title": "Technical support for the Smart City and Safe City projects",
        "description": "Signed at the 3rd China-CEEC Conference on Innovation Cooperation (2018).",
        "method_details": "Agreement with a Chinese company; no procurement procedure reported",
        "method_rationale": "Agreement signed at the 3rd China-CEEC Conference on Innovation Cooperation.",
        "status": "active",
        "review": "published",
        "locator": SECTION_BA,
        "awards": [
            {
                "title": "Smart City and Safe City technical support by a Chinese company",
                "suppliers": [("chinese_company_ba", "")],
                "date": (date(2018, 1, 1), "year"),
                "legal_basis": "agreement",
                "agreement": "ba_moct_2018",
            }
        ],
    },
    {
        "ocid": "ocds-ptwb01-BA-SARAJEVO-SMARTCITY",
        "country": "BA",
        "buyer": "sarajevo",
        "sector": "smart_city",
        "method": "direct",
        "title": "Smart City solutions for Sarajevo",
        "status": "active",
        "review": "published",
        "locator": SECTION_BA,
        "method_details": "Cooperation agreement; no procurement procedure reported",
        "method_rationale": "Cooperation agreement between the City of Sarajevo and Huawei (2018).",
        "awards": [
            {
                "title": "Smart City cooperation with Huawei",
                "suppliers": [("huawei", "")],
                "date": (date(2018, 1, 1), "year"),
                "legal_basis": "agreement",
                "agreement": "sarajevo_huawei_2018",
            }
        ],
    },
    {
        "ocid": "ocds-ptwb01-AL-VODAFONE-5G",
        "country": "AL",
        "buyer": "vodafone_al",
        "sector": "telecom",
        "method": "",
        "title": "5G network equipment for Vodafone Albania",
        "description": "Huawei was to be the partner; after US pressure Vodafone Albania chose Ericsson as the sole supplier.",
        "status": "complete",
        "review": "published",
        "locator": SECTION_AL,
        "awards": [
            {
                "title": "Ericsson as sole 5G supplier of Vodafone Albania",
                "suppliers": [("ericsson", "sole supplier")],
                "legal_basis": "private",
            }
        ],
    },
    {
        "ocid": "ocds-ptwb01-MK-HIGHWAYS",
        "country": "MK",
        "buyer": None,
        "sector": "transport",
        "method": "",
        "title": "Two highway sections built by Chinese companies",
        "status": "complete",
        "review": "published",
        "locator": SECTION_MK,
        "awards": [
            {
                "title": "Two highway sections",
                "suppliers": [("chinese_companies_mk", "")],
                "legal_basis": "unknown",
            }
        ],
    },
    {
        "ocid": "ocds-ptwb01-MK-HYDRO",
        "country": "MK",
        "buyer": None,
        "sector": "energy",
        "method": "",
        "title": "Hydro power plant built by Chinese companies",
        "status": "complete",
        "review": "unverified",
        "locator": SECTION_MK,
        "awards": [
            {
                "title": "Hydro power plant",
                "suppliers": [("chinese_companies_mk", "")],
                "legal_basis": "unknown",
            }
        ],
    },
]

REQUESTS = [
    {
        "requester": "share",
        "authority": "mup_rs",
        "subject": "How Huawei was chosen as supplier of the Safe City cameras",
        "text": (
            "Please provide information on how Huawei was chosen as the supplier of the surveillance "
            "cameras of the 'Safe City' project, and on the public procurement process."
        ),
        "sent_on": (date(2019, 1, 1), "year"),
        "status": "classified",
        # The paper gives the level only: the article cited and any harm test are unknown.
        "facts": {
            "classified": {
                "classification_level": "secret",
                "refusal_ground": "Information about the procurement process classified as 'secret'.",
            }
        },
        "awards": ["ocds-ptwb01-RS-MUP-SAFECITY-1", "ocds-ptwb01-RS-MUP-SAFECITY-2"],
        "agreements": ["rs_cn_2009"],
        "events": [
            ("sent", "Request sent to the Ministry of Interior."),
            (
                "classified",
                "Procurement information refused: classified 'secret'. An official response gave the "
                "chronology: negotiations from 2011 under the 2009 Serbia–China agreement, an MoU in "
                "2014, the strategic partnership agreement in 2017, phase two in 2019.",
            ),
        ],
        "locator": SECTION_BIG_BROTHER,
    },
    {
        "requester": "share",
        "authority": "mup_rs",
        "subject": "Locations of the Safe City cameras (#1000kamera)",
        "text": (
            "Please provide the locations of the surveillance cameras installed in the 'Safe City' "
            "project, with the number of devices at each location."
        ),
        "sent_on": (date(2019, 1, 1), "year"),
        "status": "partially_answered",
        "awards": ["ocds-ptwb01-RS-MUP-SAFECITY-2"],
        "agreements": [],
        "events": [
            ("sent", "Request sent as part of the #1000kamera civic action."),
            (
                "partially_answered",
                "The Ministry published 290 locations, without the number of devices. Volunteers of "
                "#1000kamera mapped 1,001 cameras at 447 locations across Belgrade.",
            ),
        ],
        "locator": SECTION_BIG_BROTHER,
    },
]

# Private drafts: one per organisation, so that private and published can be told apart.
DRAFTS = [
    {
        "requester": "share",
        "authority": "mup_rs",
        "subject": "Camera locations in Novi Sad (demo draft)",
        "text": "Please provide the locations of the Safe City cameras installed in Novi Sad.",
    },
    {
        "requester": "watchdog",
        "authority": "gov_rs",
        "subject": "Smart City pilot in Niš: agreements and annexes (demo draft)",
        "text": "Please provide the agreements and annexes of the Smart City pilot in Niš.",
    },
]
