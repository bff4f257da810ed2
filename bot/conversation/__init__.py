"""How a conversation's turns must go, whatever the NLU and the policies make of a message."""
