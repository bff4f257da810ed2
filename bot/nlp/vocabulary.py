"""The closed vocabularies of the catalog schema, with the words learners use for them.

These are schema values (types, models, formats), not credentials: the NLU synonyms for
them are generated from here, the credential synonyms from the catalog itself. What a reply
says for a value (``label``) is in the conversation's language (``locales/<lang>/labels.yml``);
the words here are only for reading learners' messages.
"""

from __future__ import annotations

import re

from bot.i18n import t

CREDENTIAL_TYPES = {
    # With the Spanish and French words, so "la insignia de SQL" names a badge.
    "digital_badge": (
        "digital badge",
        ["badge", "badges", "digital badges", "micro badge", "insignia", "insignias", "insigne", "insignes"],
    ),
    "certificate": (
        "certificate",
        [
            "cert",
            "certs",
            "certificates",
            "certificate program",
            "certificado",
            "certificados",
            "certificat",
            "certificats",
        ],
    ),
    "nanodegree": (
        "nanodegree",
        [
            "nano degree",
            "nanodegrees",
            "nano-degree",
            "nano degrees",
            "nanogrado",
            "nanodiploma",
            "nanodiplôme",
        ],
    ),
}

CREDENTIAL_MODELS = {
    "stackable": ("stackable", ["stackable credentials", "stacking", "stackables"]),
    "competency_based": ("competency-based", ["competency based", "competency", "competencies"]),
    "embedded": ("embedded", ["embedded in a degree", "embedded credentials"]),
    "open": ("open", ["open credentials", "open online", "free open"]),
    "job_training": ("job training", ["job-training", "workforce training", "job ready", "workforce"]),
}

DELIVERY_FORMATS = {
    "online": ("online", ["remote", "virtual", "distance", "on-line"]),
    "in_person": ("in person", ["in-person", "on campus", "face to face", "campus"]),
    "hybrid": ("hybrid", ["blended", "mixed"]),
}

LEVELS = {
    "introductory": ("introductory", ["beginner", "intro", "entry level", "basic"]),
    "intermediate": ("intermediate", ["mid level"]),
    "advanced": ("advanced", ["expert", "senior"]),
}

REQUIREMENT_KINDS = ("course", "assessment", "project", "competency")

SUPPORT_KINDS = ("tutoring", "study_materials", "career_counselling", "accessibility")

#: The attributes a learner can ask about one credential (entity ``attribute``), with the
#: phrases that ask for them.
ATTRIBUTES = {
    "cost": (
        "cost",
        [
            "price",
            "prices",
            "pricing",
            "fee",
            "fees",
            "tuition",
            "tuition fee",
            "tuition fees",
            "how much",
            "how much is it",
            "how much does it cost",
            "costs",
            "charge",
            "how expensive",
            "free",
        ],
    ),
    "duration": (
        "duration",
        [
            "how long",
            "length",
            "how many weeks",
            "how many months",
            "how long does it take",
            "program length",
            "programme length",
            "timeframe",
        ],
    ),
    "format": (
        "format",
        [
            "delivery format",
            "delivery mode",
            "mode of delivery",
            "study mode",
            "mode of study",
            "taught online",
            "offered online",
            "in person or online",
            "online or in person",
            "from home",
            "remotely",
        ],
    ),
    "start_date": (
        "start date",
        [
            "start",
            "start dates",
            "when does it start",
            "begin",
            "next start",
            "next intake",
            "intake",
            "when can i start",
            "next cohort",
            "when is the next cohort",
            "when is the next start",
        ],
    ),
    "credits": (
        "credits",
        ["credit", "credit hours", "academic credits", "credit value", "how many credits", "units"],
    ),
    "provider": (
        "provider",
        [
            "who offers",
            "who runs",
            "offered by",
            "which department",
            "institution",
            "who provides",
            "provided by",
            "issuer",
            "who issues",
            "who teaches",
            "which school",
            "which faculty",
        ],
    ),
    "level": (
        "level",
        [
            "how hard",
            "difficulty",
            "difficulty level",
            "how difficult",
            "beginner friendly",
            "skill level",
            "advanced level",
            "for beginners",
            "a beginner",
            "beginners",
        ],
    ),
    "workload": (
        "workload",
        [
            "hours a week",
            "hours per week",
            "how many hours a week",
            "weekly hours",
            "time commitment",
            "weekly time commitment",
            "hours each week",
            "study hours",
            "time per week",
            "time a week",
            "time each week",
            "how much time",
            "set aside",
        ],
    ),
}

#: The same questions in Spanish and French: the NLU understands them through the sentence
#: encoder, and these let the attribute reader find what they ask.
_OTHER_LANGUAGES = {
    "cost": [
        "cuánto cuesta",
        "cuanto cuesta",
        "precio",
        "costo",
        "coste",
        "combien coûte",
        "combien ça coûte",
        "prix",
        "coût",
        "tarif",
    ],
    "duration": ["cuánto dura", "cuanto dura", "duración", "durée", "combien de temps"],
    "format": ["modalidad", "modalité"],
    "start_date": ["cuándo empieza", "cuando empieza", "fecha de inicio", "quand commence", "date de début"],
    "credits": ["créditos", "crédits"],
    "provider": ["quién ofrece", "quien ofrece", "quién imparte", "qui propose", "qui offre"],
    "level": ["nivel", "niveau"],
    "workload": ["horas por semana", "horas a la semana", "heures par semaine"],
}
for _key, _phrases in _OTHER_LANGUAGES.items():
    ATTRIBUTES[_key][1].extend(_phrases)


def phrases(vocabulary: dict[str, tuple[str, list[str]]], key: str) -> list[str]:
    """Every phrase that names ``key``: its label, the key in words, and its synonyms."""
    display, synonyms = vocabulary[key]
    return list(dict.fromkeys([display, key.replace("_", " "), *synonyms]))


_ATTRIBUTE_OF_PHRASE = {phrase: key for key in ATTRIBUTES for phrase in phrases(ATTRIBUTES, key)}
#: Longest phrase first, so that "how much does it cost" is read whole.
_ATTRIBUTE_PATTERN = re.compile(
    r"\b(" + "|".join(map(re.escape, sorted(_ATTRIBUTE_OF_PHRASE, key=len, reverse=True))) + r")\b",
    re.IGNORECASE,
)


def attributes_asked(text: str) -> list[str]:
    """The attributes a message asks about, in the order it names them ("how long is it,
    and is it free?" -> duration, cost): for when the NLU tags none."""
    found = [_ATTRIBUTE_OF_PHRASE[match.group(1).lower()] for match in _ATTRIBUTE_PATTERN.finditer(text)]
    return list(dict.fromkeys(found))


#: The message group (``locales/<lang>/labels.yml``) that says each vocabulary's labels.
_SAID_IN = {
    id(CREDENTIAL_TYPES): "types",
    id(CREDENTIAL_MODELS): "models",
    id(DELIVERY_FORMATS): "formats",
    id(LEVELS): "levels",
}


def label(vocabulary: dict[str, tuple[str, list[str]]], key: str) -> str:
    """A vocabulary key as a reply says it in the conversation's language ("competency_based"
    -> "competency-based", "basado en competencias"); the vocabulary itself (the words
    learners are matched on) stays as it is."""
    return t(f"labels.{_SAID_IN[id(vocabulary)]}.{key}")


def plural_label(key: str) -> str:
    """A credential type counted in a list: "digital badges", "insignias digitales"."""
    return t(f"labels.types_plural.{key}")


def kind_label(credential_type: str, model: str) -> str:
    """A credential's model and type together: "stackable digital badge", "insignia digital acumulable"."""
    return t(f"labels.kinds.{credential_type}.{model}")
