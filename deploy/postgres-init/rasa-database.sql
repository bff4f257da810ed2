-- Rasa's conversations (SQL tracker store) live in a database of their own.
CREATE DATABASE rasa OWNER microcred;
