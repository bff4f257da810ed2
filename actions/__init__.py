"""Custom actions of the assistant (rasa-sdk). Each module holds one concern; each action
reads the tracker, calls the domain layer in ``bot/``, and speaks."""

from bot.nlp import encoder
from bot.nlp.pipeline import lemmatizer
from bot.production import ensure_ready

ensure_ready("the action server")
# Load the spaCy pipeline and the sentence encoder (the fallback's suggestions) as the action
# server starts, not on the first learner's message.
lemmatizer()
encoder.load()
