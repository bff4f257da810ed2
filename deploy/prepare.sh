#!/bin/sh
# The prepare Job (Kubernetes) and compose's `prepare` service, in the Rasa image: load the
# catalog into the database (one transaction, idempotent), then make the model the Rasa
# replicas serve: fetched from MICROCRED_MODEL_URL when set (a model trained and tested
# elsewhere), else trained from the image's data into models/ (Rasa's fingerprint skips the
# training when a model of the same data is there already). Same commands as `make db train`.
set -eu
cd /app
python -m bot catalog load
if [ -n "${MICROCRED_MODEL_URL:-}" ]; then
  python -c 'import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])' \
    "$MICROCRED_MODEL_URL" models/fetched.tar.gz.part
  mv models/fetched.tar.gz.part "models/fetched-$(date +%Y%m%d-%H%M%S).tar.gz"
else
  rasa train --data data build/nlu --domain domain.yml --config config.yml --out models --quiet
fi
# The two newest models are kept (Rasa serves the newest).
ls -t models/*.tar.gz | tail -n +3 | xargs -r rm -f
