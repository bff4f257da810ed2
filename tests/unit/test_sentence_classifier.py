"""The intent classifier scores a message as the model it trained: its per-message scoring
(``SentenceClassifier._scores``) gives the probabilities of the feature matrices it learned from."""

from __future__ import annotations

import numpy as np
import scipy.sparse
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message

from components.sentence_classifier import SentenceClassifier


def _message(rng: np.random.Generator, words: int, dense: int) -> Message:
    message = Message(data={TEXT: "a message"})
    columns = rng.choice(words, size=6)  # a repeated n-gram adds up, as in a count vector
    counts = scipy.sparse.coo_matrix(
        (rng.integers(1, 4, 6).astype(float), ([0] * 6, columns)), shape=(1, words)
    )
    message.add_features(Features(counts, "sentence", TEXT, "CountVectorsFeaturizer"))
    message.add_features(Features(rng.normal(size=(1, dense)), "sentence", TEXT, "SentenceEncoderFeaturizer"))
    return message


def test_scores_match_the_training_features_times_the_weights():
    rng = np.random.default_rng(7)
    words, dense, labels = 40, 8, ["greet", "faq/cost", "faq/funding", "goodbye"]
    classifier = SentenceClassifier(
        {}, None, None, labels, rng.normal(size=(len(labels), words + dense)), rng.normal(size=len(labels))
    )
    messages = [_message(rng, words, dense) for _ in range(5)]
    learned = classifier._features(messages) @ classifier.weights.T + classifier.bias
    expected = np.exp(learned - learned.max(axis=1, keepdims=True))
    expected /= expected.sum(axis=1, keepdims=True)
    assert np.allclose(classifier.probabilities(messages), expected)
    classifier.process(messages)
    assert messages[0].get("intent")["name"] in {"greet", "faq", "goodbye"}
    assert messages[0].get("response_selector")["faq"]["response"]["intent_response_key"] in labels
