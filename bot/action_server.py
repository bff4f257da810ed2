"""The action server: rasa-sdk's own (``python -m rasa_sdk``), started without TensorFlow.

thinc, spaCy's machine-learning library, imports TensorFlow whenever it is installed (Rasa
installs it), and that import alone is more than half the action server's resident memory
(about 360 of 630 MiB, measured); nothing the actions do runs on it. Marked absent before
anything imports spaCy, thinc takes the path it takes on a machine without TensorFlow. The
arguments are ``python -m rasa_sdk``'s: ``python -m bot.action_server --actions actions --port 5055``.
"""

from __future__ import annotations

import sys


def main() -> None:
    # None in sys.modules makes `import tensorflow` raise ImportError, which thinc expects
    # when TensorFlow is missing; a process that already holds TensorFlow keeps it.
    sys.modules.setdefault("tensorflow", None)  # type: ignore[arg-type]
    from rasa_sdk.__main__ import main as serve

    serve()


if __name__ == "__main__":
    main()
