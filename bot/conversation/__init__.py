"""A conversation's turns, apart from what they say: the limits a message must pass before the
NLU (``message_limits``), how every turn must end (``turn_guard``), and the log of messages the
assistant could not answer, kept for staff review (``review``)."""
