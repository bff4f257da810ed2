"""The trained model's graph run by ``SequentialGraphRunner`` (the Rasa server's runner) gives
what Rasa's dask runner gives on the same nodes: the same parse of every held-out message
(intent, confidence, ranking, entities, the FAQ answer selected) and the same next action,
with the same confidences, from the policies."""

from __future__ import annotations

import pytest
from rasa.core.channels.channel import UserMessage
from rasa.core.processor import MessageProcessor
from rasa.engine.constants import PLACEHOLDER_MESSAGE, PLACEHOLDER_TRACKER
from rasa.engine.exceptions import GraphRunError
from rasa.engine.loader import load_predict_graph_runner
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from channels.graph_runner import SequentialGraphRunner
from tests.bench.nlu_eval import heldout, newest_model

MESSAGES = [text for _, _, text in heldout()[::8]]


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    metadata, runner = load_predict_graph_runner(
        tmp_path_factory.mktemp("model"), newest_model(), LocalModelStorage, SequentialGraphRunner
    )
    return metadata, runner


def both(runner: SequentialGraphRunner, **kwargs) -> tuple[dict, dict]:
    """The outputs of the sequential run and of dask's run of the same nodes."""
    return runner.run(**kwargs), DaskGraphRunner.run(runner, **kwargs)


def parse(outputs: dict, target: str) -> dict:
    return outputs[target][0].as_dict(only_output_properties=True)


def tracker_after(parsed: dict, domain) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(
        "graph-runner-test",
        [
            ActionExecuted("action_session_start"),
            SessionStarted(),
            ActionExecuted("action_listen"),
            UserUttered(parsed["text"], parsed["intent"], parsed["entities"], parse_data=parsed),
        ],
        slots=domain.slots,
    )


def test_every_message_parses_and_predicts_as_with_dask(model):
    metadata, runner = model
    assert len(MESSAGES) >= 30
    for text in MESSAGES:
        tracker = DialogueStateTracker("graph-runner-test", metadata.domain.slots)
        sequential, dask = both(
            runner,
            inputs={PLACEHOLDER_MESSAGE: [UserMessage(text)], PLACEHOLDER_TRACKER: tracker},
            targets=[metadata.nlu_target],
        )
        parsed = parse(sequential, metadata.nlu_target)
        assert parsed == parse(dask, metadata.nlu_target), text

        tracker = tracker_after(parsed, metadata.domain)
        sequential, dask = both(runner, inputs={PLACEHOLDER_TRACKER: tracker}, targets=[metadata.core_target])
        ours, theirs = sequential[metadata.core_target], dask[metadata.core_target]
        assert (ours.probabilities, ours.policy_name) == (theirs.probabilities, theirs.policy_name), text
        assert max(ours.probabilities) > 0, text


def test_an_input_named_like_a_node_is_refused_as_dask_refuses_it(model):
    metadata, runner = model
    with pytest.raises(GraphRunError, match="clashes with a node name"):
        runner.run(inputs={PLACEHOLDER_TRACKER: metadata.core_target}, targets=[metadata.core_target])


def test_the_rasa_servers_processor_runs_its_model_with_it():
    import channels.rasa_costs  # noqa: F401  (what the Rasa server imports with its channels)

    _, _, runner = MessageProcessor._load_model(newest_model())
    assert type(runner) is SequentialGraphRunner
