"""What the assistant says, as plain data (``Reply``: text and buttons): answers about the
catalog, a student's progress, "Did you mean ...?" suggestions, and the formatting they
share, all in the conversation's language (``bot.i18n``).

Built from the catalog and the records; recommendations and handoff messages, which sit
above this layer, compose their replies from the same helpers.
"""
