"""Which credential a message is about: the one it names, or the one last discussed when the
message refers back to it (``bot.catalog.follow_up``).

Names are resolved with typos and aliases tolerated; an ambiguous name is asked back with
buttons, an unknown one answered with the closest names, and a missing one asked for. A
subject the NLU tagged as a skill or topic ("requirements for project management") counts
as a name when it matches credentials, since catalog names often are their subjects; and a
name the NLU missed is read from the words before a type word ("the X certificate").
"""

from __future__ import annotations

from collections.abc import Callable

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.context import entity_values, latest_text, speak
from bot.catalog.follow_up import refers_back
from bot.catalog.institution import Institution
from bot.catalog.repository import Catalog
from bot.catalog.resolve import Resolution, resolve_message
from bot.conversation.review import record_unanswered
from bot.models import Credential
from bot.replies import answers


def focus_credential(
    tracker: Tracker,
    dispatcher: CollectingDispatcher,
    catalog: Catalog,
    intent: str,
    extra: dict | None = None,
) -> Credential | None:
    """The credential to answer about, or None after telling the learner what is missing.

    ``intent`` and ``extra`` (entities such as the attribute asked) go into the payload of
    the buttons that ask back, so a click answers the original question.
    """
    resolution = _resolve_named(tracker, catalog)
    if resolution is not None:
        credential = settle(resolution, tracker, dispatcher, catalog, intent, extra)
        if credential is not None or resolution.ambiguous or resolution.unknown:
            return credential
    recent = recent_credential(tracker, catalog)
    if recent is not None and refers_back(latest_text(tracker)):
        return recent
    speak(dispatcher, answers.ask_which(catalog.example_mention(), recent, intent, extra or {}))
    return None


def settle(
    resolution: Resolution,
    tracker: Tracker,
    dispatcher: CollectingDispatcher,
    catalog: Catalog,
    intent: str,
    extra: dict | None = None,
    prefer: Callable[[str], bool] | None = None,
) -> Credential | None:
    """The credential ``resolution`` found; else None, after asking back with buttons (several
    close names) or saying the name is not one we offer, with the closest (logged for review).

    Of several close names, the only one ``prefer`` accepts (say, the one the student is
    enrolled in) wins.
    """
    preferred = [i for i in resolution.ambiguous if prefer and prefer(i)]
    found = resolution.found or (preferred if len(preferred) == 1 else [])
    if found:
        return catalog.get(found[0])
    if resolution.ambiguous:
        speak(dispatcher, answers.ambiguous(catalog.get_many(resolution.ambiguous), intent, extra or {}))
    elif resolution.unknown:
        record_unanswered(tracker.sender_id, latest_text(tracker), "unknown_credential", intent)
        speak(dispatcher, answers.unknown(resolution.unknown, catalog.get_many(resolution.suggestions)))
    return None


def recent_credential(tracker: Tracker, catalog: Catalog) -> Credential | None:
    """The credential last discussed, if any."""
    current = tracker.get_slot("current_credential")
    return catalog.get(current) if current else None


def _resolve_named(tracker: Tracker, catalog: Catalog) -> Resolution | None:
    """How the message's credential mentions resolve (``bot.catalog.resolve.resolve_message``);
    the institution's own names ("the Lakemont Poly drone badge") name no credential."""
    school = Institution.from_settings(catalog.institution())
    mentions = [m for m in (school.without_names(v) for v in entity_values(tracker, "credential")) if m]
    subjects = entity_values(tracker, "skill") + entity_values(tracker, "topic")
    return resolve_message(school.without_names(latest_text(tracker)), mentions, catalog.names(), subjects)
