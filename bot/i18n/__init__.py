"""The assistant's languages: the product's own sentences in each one, and formats for them.

``t(key, **values)`` says a sentence in the conversation's language, set for a block of work
with ``use_language``; ``formats`` writes money, numbers, dates and lists as that language
does (Babel); ``languages`` matches a browser's or a widget's language to the ones offered;
``detect`` tells which offered language a whole message is written in. Each language is a
folder of YAML files in ``locales/``: adding one is adding a folder (README "Languages").
"""

from bot.i18n.messages import current_language, t, use_language

__all__ = ["current_language", "t", "use_language"]
