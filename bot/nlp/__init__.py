"""Language processing shared by the NLU build and the domain layer (spaCy 3.4, built from blank)."""
