"""Custom Rasa NLU components (named in config.yml); their logic lives in bot/."""
