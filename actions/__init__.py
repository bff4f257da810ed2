"""Custom actions of the assistant (rasa-sdk). Each module holds one concern; each action
reads the tracker, calls the domain layer in ``bot/``, and speaks."""
