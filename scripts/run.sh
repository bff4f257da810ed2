#!/usr/bin/env bash
# Start Redis, the action server, the Rasa server (REST, socket.io and the HTTP API; RASA_WORKERS
# processes sharing Redis) and the web service (student-services site and advisor console);
# print where to talk to them. Called by `make run` (and `make shell` with --shell); Ctrl-C
# stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
RASA_PORT=${RASA_PORT:-5005}
ACTIONS_PORT=${ACTIONS_PORT:-5055}
WEB_PORT=${WEB_PORT:-8080}
REDIS_PORT=${REDIS_PORT:-6379}
RASA_WORKERS=${RASA_WORKERS:-2}
export RASA_URL=${RASA_URL:-http://localhost:$RASA_PORT}
export MICROCRED_SOCKETIO_REDIS_URL=${MICROCRED_SOCKETIO_REDIS_URL:-redis://localhost:$REDIS_PORT/2}
mkdir -p build/logs build/redis
sed -e "s#http://localhost:5055/webhook#http://localhost:$ACTIONS_PORT/webhook#" \
    -e "s#port: 6379#port: $REDIS_PORT#" endpoints.yml > build/endpoints.yml

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

wait_for() {  # wait_for URL NAME LOG
  for _ in $(seq 1 180); do
    if curl -fs -o /dev/null "$1"; then return 0; fi
    sleep 1
  done
  echo "error: $2 did not start; see $3" >&2
  exit 1
}

# Conversations are kept in build/redis across restarts; a Redis already answering on the port is used as it is.
if [[ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" != "PONG" ]]; then
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir build/redis --appendonly yes \
    >build/logs/redis.log 2>&1 &
  pids+=($!)
  for _ in $(seq 1 50); do [[ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" == "PONG" ]] && break; sleep 0.2; done
fi

$BIN/rasa run actions --actions actions --port "$ACTIONS_PORT" >build/logs/actions.log 2>&1 &
pids+=($!)
wait_for "http://localhost:$ACTIONS_PORT/health" "the action server" build/logs/actions.log

if [[ "${1:-}" == "--shell" ]]; then
  $BIN/rasa shell -m models --endpoints build/endpoints.yml
  exit 0
fi

SANIC_WORKERS=$RASA_WORKERS $BIN/rasa run -m models --enable-api --auth-token "$RASA_API_TOKEN" --cors "*" \
  --port "$RASA_PORT" --endpoints build/endpoints.yml --credentials credentials.yml \
  >build/logs/rasa.log 2>&1 &
pids+=($!)
MICROCRED_DEMO_SIGNIN=${MICROCRED_DEMO_SIGNIN:-1} $BIN/python -m bot web serve --port "$WEB_PORT" >build/logs/web.log 2>&1 &
pids+=($!)
wait_for "http://localhost:$RASA_PORT/status?token=$RASA_API_TOKEN" "the Rasa server" build/logs/rasa.log
wait_for "http://localhost:$WEB_PORT/" "the web service" build/logs/web.log

cat <<MSG

  The assistant is running.
    Student-services site with the chat widget:  http://localhost:$WEB_PORT/
    Advisor console:                              http://localhost:$WEB_PORT/advisor/
    REST channel:  curl -s localhost:$RASA_PORT/webhooks/rest/webhook \\
                     -d '{"sender": "me", "message": "what do I need for the SQL badge?"}'
    Sign in on the site as a demo student (S1001-S1012), or get a token for the REST channel:
                   make token STUDENT=S1012
    Advisor account for the console:
                   .venv/bin/python -m bot advisors create you@example.edu --name "Your Name"
    Logs: build/logs/   Stop: Ctrl-C

MSG
wait -n "${pids[@]}"
