"""Custom Rasa components named in config.yml and endpoints.yml (an NLU component, a lock
store); domain logic stays in bot/."""
