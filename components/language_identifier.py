"""``LanguageIdentifier``: the language of the conversation, as the entity ``language``.

Each message's language is the one the learner surely writes it in (``bot.i18n.detect``,
read without the credential names the extractors before it found, so "Data Analytics
Certificate" alone is no language; the other entities' words, "how long", "certificat", are
the language's own), else the one the widget asks for in the message's
metadata (``language``: the page's switcher, else the browser's). A message the learner did
not write (a button: an intent payload, or metadata ``button: true``) only carries the
widget's. The entity fills the ``language`` slot (domain.yml), on which the responses'
variations and the actions' sentences depend. Only the languages the institution offers
(``institution.yml``: languages) are ever chosen; with one, nothing is emitted.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.catalog.loader import offered_languages
from bot.config import Settings
from bot.i18n.detect import identify
from bot.i18n.languages import requested

ENTITY = "language"
#: The entity whose words are names, in no language.
NAMES = "credential"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageIdentifier(GraphComponent, EntityExtractorMixin):
    def __init__(self, offered: tuple[str, ...]) -> None:
        self.offered = offered

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageIdentifier:
        return cls(offered_languages(Settings.from_env().knowledge_base_dir))

    def process(self, messages: list[Message]) -> list[Message]:
        if len(self.offered) < 2:
            return messages
        for message in messages:
            language = self.language_of(message)
            if language:
                text = message.get(TEXT) or ""
                entity = {"entity": ENTITY, "value": language, "start": 0, "end": len(text)}
                message.set(
                    ENTITIES,
                    [*message.get(ENTITIES, []), self.add_extractor_name([entity])[0]],
                    add_to_output=True,
                )
        return messages

    def language_of(self, message: Message) -> str | None:
        metadata = message.get("metadata") or {}
        asked = requested(metadata, self.offered)
        text = message.get(TEXT) or ""
        if text.startswith("/") or (isinstance(metadata, dict) and metadata.get("button")):
            return asked
        return identify(_without_names(text, message.get(ENTITIES, [])), self.offered) or asked


def _without_names(text: str, entities: list[dict]) -> str:
    """``text`` with the credential names the extractors tagged blanked out."""
    chars = list(text)
    for entity in entities:
        if entity.get("entity") != NAMES:
            continue
        start, end = entity.get("start"), entity.get("end")
        if isinstance(start, int) and isinstance(end, int):
            chars[start:end] = " " * (end - start)
    return "".join(chars)
