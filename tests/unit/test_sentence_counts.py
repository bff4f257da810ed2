"""``SentenceCountsFeaturizer`` gives each message the sentence counts Rasa's
``CountVectorsFeaturizer`` gives it, with the same configuration (words, character n-grams),
and no token-by-token counts."""

from __future__ import annotations

import copy

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.sentence_counts import SentenceCountsFeaturizer

TRAINING = [
    ("what do I need for the SQL badge", "ask_requirements"),
    ("how much does the nursing certificate cost", "ask_cost"),
    ("hola, ¿qué credenciales ofrecen?", "list_credentials"),
    ("I want to become a data analyst", "recommend"),
]
UNSEEN = ["what does the SQL badge cost?", "je veux devenir analyste de données", "hi"]


def _tokenized(texts: list[tuple[str, str]]) -> TrainingData:
    data = TrainingData([Message(data={TEXT: text, "intent": intent}) for text, intent in texts])
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    tokenizer.process_training_data(data)
    return data


def _trained(cls: type[CountVectorsFeaturizer], config: dict, tmp_path, name: str) -> CountVectorsFeaturizer:
    featurizer = cls.create(
        {**cls.get_default_config(), **config},
        LocalModelStorage(tmp_path),
        Resource(name),
        ExecutionContext(None, node_name=name),
    )
    featurizer.train(_tokenized(TRAINING))
    return featurizer


@pytest.mark.parametrize("config", [{}, {"analyzer": "char_wb", "min_ngram": 1, "max_ngram": 4}])
def test_the_sentence_counts_are_rasas_and_there_are_no_token_counts(config, tmp_path):
    rasas = _trained(CountVectorsFeaturizer, config, tmp_path, "rasas")
    ours = _trained(SentenceCountsFeaturizer, config, tmp_path, "ours")
    messages = _tokenized([(text, "x") for text in UNSEEN + [t for t, _ in TRAINING]]).training_examples
    theirs = copy.deepcopy(messages)
    ours.process(messages)
    rasas.process(theirs)
    counted = []
    for mine, expected in zip(messages, theirs, strict=True):
        sequence, sentence = mine.get_sparse_features(TEXT)
        expected_sentence = expected.get_sparse_features(TEXT)[1]
        assert sequence is None
        assert (sentence.features != expected_sentence.features).nnz == 0
        counted.append(sentence.features.sum())
    assert all(counted[len(UNSEEN) :])  # the training messages' own words are counted
