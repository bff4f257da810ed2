"""``SentenceCountsFeaturizer``: Rasa's ``CountVectorsFeaturizer`` for the sentence features only.

Rasa's featurizer transforms every message twice: once token by token (the sequence
features) and once as a whole (the sentence features). The pipeline's classifier
(``components.sentence_classifier``) and entity extractor read no sequence features, so
the token-by-token transform was half of this featurizer's time on every message for
nothing. This one keeps the vocabulary, the configuration and the sentence features of
Rasa's, and leaves the sequence features out.
"""

from __future__ import annotations

import scipy.sparse
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class SentenceCountsFeaturizer(CountVectorsFeaturizer):
    def _create_features(
        self, attribute: str, all_tokens: list[list[str]]
    ) -> tuple[list[scipy.sparse.spmatrix | None], list[scipy.sparse.spmatrix | None]]:
        """No sequence features; the counts of the whole text, as Rasa's sentence features."""
        vectorizer = self.vectorizers.get(attribute)
        sentences: list[scipy.sparse.spmatrix | None] = []
        for tokens in all_tokens:
            if not vectorizer or not tokens or attribute not in DENSE_FEATURIZABLE_ATTRIBUTES:
                sentences.append(None)
                continue
            counts = vectorizer.transform([" ".join(tokens)])
            counts.sort_indices()
            sentences.append(counts.tocoo())
        return [None] * len(all_tokens), sentences
