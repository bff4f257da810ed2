"""``SentenceClassifier``: intent classification and FAQ response selection in one linear model.

A multinomial logistic regression (scikit-learn) over each message's sentence features: the
sparse word and character n-gram counts (L2-normalised) beside the dense sentence-encoder
vector (``SentenceEncoderFeaturizer``, weighted by ``dense_weight``). FAQ examples are
learned under their full retrieval intent (``faq/funding``), so one model also answers which
FAQ is meant: the ``faq`` intent's confidence is the sum of its sub-intents', and the best
sub-intent fills ``response_selector`` as Rasa's ``ResponseSelector`` would, for the
``utter_faq`` action, but for the answer's texts: the action speaks the ``utter_action`` named
there, from the domain, and the texts (every language's) were two thirds of each stored
message, written to the tracker store and sent to the action server with every turn of the
window. Training takes seconds and no TensorFlow; the model is saved as plain arrays (``.npz``)
and scored with numpy.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.featurizers.featurizer import Featurizer
from rasa.shared.nlu.constants import (
    FEATURE_TYPE_SENTENCE,
    INTENT,
    INTENT_RANKING_KEY,
    INTENT_RESPONSE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.preprocessing import normalize

RANKING_LENGTH = 10


def _sentence_features(message: Message, sparse: bool) -> list:
    """The message text's sentence-level feature arrays, sparse or dense, in the order Rasa
    combines them (``Message.get_sparse_features``)."""
    return [
        f.features
        for f in message.features
        if f.attribute == TEXT and f.type == FEATURE_TYPE_SENTENCE and f.is_sparse() == sparse
    ]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class SentenceClassifier(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"C": 30.0, "dense_weight": 1.5, "retrieval_intent": "faq", "max_iter": 1000}

    @classmethod
    def required_components(cls) -> list[type]:
        return [Featurizer]

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        labels: list[str] | None = None,
        weights: np.ndarray | None = None,
        bias: np.ndarray | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._storage, self._resource = model_storage, resource
        self.labels, self.weights, self.bias = labels or [], weights, bias

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SentenceClassifier:
        return cls(config, model_storage, resource)

    def _features(self, messages: list[Message]) -> scipy.sparse.csr_matrix:
        """The training matrix: per message its sparse sentence features side by side,
        L2-normalised, then its dense ones times ``dense_weight``."""
        rows = []
        for message in messages:
            sparse, dense = (
                _sentence_features(message, sparse=True),
                _sentence_features(message, sparse=False),
            )
            parts = []
            if sparse:
                parts.append(normalize(scipy.sparse.hstack(sparse).tocsr()))
            if dense:
                parts.append(scipy.sparse.csr_matrix(np.hstack(dense) * self.config["dense_weight"]))
            rows.append(scipy.sparse.hstack(parts))
        return scipy.sparse.vstack(rows).tocsr()

    def _label(self, message: Message) -> str:
        if message.get(INTENT) == self.config["retrieval_intent"] and message.get(INTENT_RESPONSE_KEY):
            return message.get(INTENT_RESPONSE_KEY)
        return message.get(INTENT)

    def train(self, training_data: TrainingData) -> Resource:
        from sklearn.linear_model import LogisticRegression

        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        model = LogisticRegression(
            C=self.config["C"], max_iter=self.config["max_iter"], class_weight="balanced"
        )
        model.fit(self._features(examples), [self._label(e) for e in examples])
        self.labels, self.weights, self.bias = list(model.classes_), model.coef_, model.intercept_
        self.persist()
        return self._resource

    def persist(self) -> None:
        with self._storage.write_to(self._resource) as directory:
            np.savez(directory / "model.npz", weights=self.weights, bias=self.bias)
            (directory / "labels.json").write_text(json.dumps({"labels": self.labels}))

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> SentenceClassifier:
        try:
            with model_storage.read_from(resource) as directory:
                arrays = np.load(directory / "model.npz")
                saved = json.loads((directory / "labels.json").read_text())
                return cls(
                    config,
                    model_storage,
                    resource,
                    saved["labels"],
                    arrays["weights"],
                    arrays["bias"],
                )
        except ValueError:  # never trained: no NLU data
            return cls(config, model_storage, resource)

    def _scores(self, message: Message) -> np.ndarray:
        """``self._features([message]) @ self.weights.T + self.bias``, without building matrices:
        the weights of the message's nonzero n-gram columns, then of its dense vector (built as
        matrices, with Rasa's ``get_sparse_features`` combining the token-level ones too, that
        was most of the classifier's time, measured)."""
        scores = np.array(self.bias, dtype=np.float64)
        columns, counts, offset = [], [], 0
        for block in _sentence_features(message, sparse=True):
            entries = scipy.sparse.coo_matrix(block)
            entries.sum_duplicates()
            columns.append(entries.col + offset)
            counts.append(entries.data)
            offset += entries.shape[1]
        if columns:
            values = np.concatenate(counts)
            norm = np.sqrt(np.square(values).sum())
            if norm:
                scores += self.weights[:, np.concatenate(columns)] @ (values / norm)
        for block in _sentence_features(message, sparse=False):
            vector = np.ravel(block) * self.config["dense_weight"]
            scores += self.weights[:, offset : offset + vector.size] @ vector
            offset += vector.size
        return scores

    def probabilities(self, messages: list[Message]) -> np.ndarray:
        scores = np.vstack([self._scores(message) for message in messages])
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        return scores / scores.sum(axis=1, keepdims=True)

    def process(self, messages: list[Message]) -> list[Message]:
        if not self.labels or not messages:
            return messages
        for message, row in zip(messages, self.probabilities(messages), strict=False):
            self._predict(message, row)
        return messages

    def _predict(self, message: Message, row: np.ndarray) -> None:
        retrieval = self.config["retrieval_intent"]
        intents: dict[str, float] = {}
        sub_intents = []
        for label, probability in zip(self.labels, row.tolist(), strict=False):
            intent = label.split("/")[0]
            intents[intent] = intents.get(intent, 0.0) + probability
            if intent == retrieval:
                sub_intents.append((label, probability))
        ranking = sorted(
            ({"name": n, "confidence": c} for n, c in intents.items()), key=lambda i: -i["confidence"]
        )
        message.set(INTENT, ranking[0], add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking[:RANKING_LENGTH], add_to_output=True)
        if sub_intents:
            self._select_response(message, retrieval, sorted(sub_intents, key=lambda pair: -pair[1]))

    def _select_response(self, message: Message, retrieval: str, ranked: list[tuple]) -> None:
        """The best FAQ answer, shaped as Rasa's ``ResponseSelector`` output (confidences within the FAQ)."""
        total = sum(p for _, p in ranked) or 1.0
        best, probability = ranked[0]
        message.set(
            "response_selector",
            {
                "all_retrieval_intents": [retrieval],
                retrieval: {
                    "response": {
                        "confidence": probability / total,
                        INTENT_RESPONSE_KEY: best,
                        "utter_action": f"utter_{best}",
                    },
                    "ranking": [
                        {"confidence": p / total, INTENT_RESPONSE_KEY: k} for k, p in ranked[:RANKING_LENGTH]
                    ],
                },
            },
            add_to_output=True,
        )
