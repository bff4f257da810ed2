#!/usr/bin/env bash
# Start Redis, the action server, the Rasa server (REST, socket.io and the HTTP API; RASA_WORKERS
# processes sharing Redis) and the web service (student-services site and advisor console)
# under the supervisor (bot/supervisor.py: a server that stops is reported by name and
# restarted with back-off, the others keep running); print where to talk to them. Called by
# `make run` (and `make shell` with --shell); Ctrl-C stops everything. RUN_DIR (default
# build/) holds the logs, Redis's files and the endpoints file.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
RASA_PORT=${RASA_PORT:-5005}
ACTIONS_PORT=${ACTIONS_PORT:-5055}
WEB_PORT=${WEB_PORT:-8080}
REDIS_PORT=${REDIS_PORT:-6379}
RASA_WORKERS=${RASA_WORKERS:-2}
RUN_DIR=${RUN_DIR:-build}
export RASA_URL=${RASA_URL:-http://localhost:$RASA_PORT}
export MICROCRED_SOCKETIO_REDIS_URL=${MICROCRED_SOCKETIO_REDIS_URL:-redis://localhost:$REDIS_PORT/2}
# The sites whose pages may talk to the Rasa server (CORS and socket.io): the local site.
export MICROCRED_ALLOWED_ORIGINS=${MICROCRED_ALLOWED_ORIGINS:-http://localhost:$WEB_PORT http://127.0.0.1:$WEB_PORT}
# Replies link credentials to their pages on this site (and the console checks requests come from it).
export MICROCRED_SITE_URL=${MICROCRED_SITE_URL:-http://localhost:$WEB_PORT}
if [[ "${MICROCRED_ENV:-}" != "production" ]]; then
  export MICROCRED_DEMO_SIGNIN=${MICROCRED_DEMO_SIGNIN:-1}
fi
$BIN/python -m bot production check --server "make run"

mkdir -p "$RUN_DIR/logs" "$RUN_DIR/redis"
sed -e "s#http://localhost:5055/webhook#http://localhost:$ACTIONS_PORT/webhook#" \
    -e "s#port: 6379#port: $REDIS_PORT#" endpoints.yml > "$RUN_DIR/endpoints.yml"

supervisor=""
cleanup() {
  if [[ -n "$supervisor" ]]; then kill "$supervisor" 2>/dev/null || true; wait "$supervisor" 2>/dev/null || true; fi
}
trap cleanup EXIT INT TERM

wait_for() {  # wait_for URL NAME LOG
  for _ in $(seq 1 300); do
    if curl -fs -o /dev/null "$1"; then return 0; fi
    kill -0 "$supervisor" 2>/dev/null || { echo "error: the supervisor stopped; see $RUN_DIR/logs/" >&2; exit 1; }
    sleep 1
  done
  echo "error: $2 did not start; see $3" >&2
  exit 1
}

# Conversations are kept in $RUN_DIR/redis across restarts; a Redis already answering on the
# port is used as it is (and not supervised).
servers=()
if [[ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" != "PONG" ]]; then
  servers+=(--server Redis "$RUN_DIR/logs/redis.log"
    "redis-server --bind 127.0.0.1 --port $REDIS_PORT --dir $RUN_DIR/redis --appendonly yes")
fi
servers+=(--server "the action server" "$RUN_DIR/logs/actions.log"
  "$BIN/python -m bot.action_server --actions actions --port $ACTIONS_PORT")

if [[ "${1:-}" == "--shell" ]]; then
  $BIN/python -m bot supervise "${servers[@]}" &
  supervisor=$!
  wait_for "http://localhost:$ACTIONS_PORT/health" "the action server" "$RUN_DIR/logs/actions.log"
  $BIN/rasa shell -m models --endpoints "$RUN_DIR/endpoints.yml"
  exit 0
fi

servers+=(--server "the Rasa server" "$RUN_DIR/logs/rasa.log"
  "env SANIC_WORKERS=$RASA_WORKERS $BIN/rasa run -m models --enable-api --auth-token \"$RASA_API_TOKEN\"
   --cors $MICROCRED_ALLOWED_ORIGINS --port $RASA_PORT --endpoints $RUN_DIR/endpoints.yml --credentials credentials.yml"
  --workers "the Rasa server=$RASA_WORKERS"
  --server "the web service" "$RUN_DIR/logs/web.log" "$BIN/python -m bot web serve --port $WEB_PORT")
$BIN/python -m bot supervise "${servers[@]}" &
supervisor=$!
wait_for "http://localhost:$ACTIONS_PORT/health" "the action server" "$RUN_DIR/logs/actions.log"
wait_for "http://localhost:$RASA_PORT/status?token=$RASA_API_TOKEN" "the Rasa server" "$RUN_DIR/logs/rasa.log"
wait_for "http://localhost:$WEB_PORT/" "the web service" "$RUN_DIR/logs/web.log"

cat <<MSG

  The assistant is running.
    Student-services site with the chat widget:  http://localhost:$WEB_PORT/
    Advisor console:                              http://localhost:$WEB_PORT/advisor/
    REST channel:  curl -s localhost:$RASA_PORT/webhooks/rest/webhook \\
                     -d '{"sender": "me", "message": "what credentials are free?"}'
    Sign in on the site as a demo student (S1001-S1012), or get a token for the REST channel:
                   make token STUDENT=S1012
    Advisor account for the console:
                   .venv/bin/python -m bot advisors create you@example.edu --name "Your Name"
    Logs: $RUN_DIR/logs/   Stop: Ctrl-C
    A server that stops is reported here and restarted; the others keep running.

MSG
wait "$supervisor"
