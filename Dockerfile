# syntax=docker/dockerfile:1
# The assistant's container images, one target per server (README "Production"):
#   docker build --target rasa    -t microcred-rasa .     Rasa server with components/ and channels/,
#                                                           and the prepare Job (catalog, model)
#   docker build --target actions -t microcred-actions .  action server (actions/ over bot/)
#   docker build --target web     -t microcred-web .      student-services site and advisor console
# Every image runs as the unprivileged user `microcred` (uid 10001, numeric for Kubernetes'
# runAsNonRoot), with MICROCRED_ENV=production; secrets come from the environment (Kubernetes
# Secrets, compose's .env), never from the image.
# Base images are pinned by exact version; Python packages by requirements.lock.

FROM node:20.18.1-bookworm-slim AS site-modules
WORKDIR /site
COPY web/site/package.json web/site/package-lock.json ./
# Only what the page serves (socket.io-client); axe-core is the accessibility tests'.
RUN npm ci --omit=dev --no-audit --no-fund

FROM python:3.10.13-slim-bookworm AS base
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH \
    MICROCRED_ENV=production \
    RASA_TELEMETRY_ENABLED=false \
    TF_CPP_MIN_LOG_LEVEL=3 \
    SQLALCHEMY_SILENCE_UBER_WARNING=1
# The code stays root's and read-only to the servers; the user owns only its home (Rasa's own
# settings), build/ and models/.
RUN groupadd --system --gid 10001 microcred \
 && useradd --system --uid 10001 --gid microcred --home-dir /app --shell /usr/sbin/nologin microcred \
 && mkdir /app && chown microcred:microcred /app
WORKDIR /app

FROM base AS python-deps
COPY requirements.lock deploy/dev-only-packages.txt ./
# The locked tree without the test and deployment-check tools (tests/deploy/ checks that nothing
# the servers import needs them), installed exactly as pinned, with the build tools `make venv`
# ends up with (setuptools and wheel, which requirements.lock does not list).
RUN python -m venv /opt/venv \
 && pip install pip==24.0 setuptools==70.3.0 wheel==0.45.1 \
 && grep -v -x -F -f dev-only-packages.txt requirements.lock > runtime.lock \
 && pip install --no-deps -r runtime.lock

# The project's code and knowledge base, with the generated NLU data and spaCy pipeline in build/.
FROM base AS app
COPY --from=python-deps /opt/venv /opt/venv
COPY bot/ bot/
COPY knowledge_base/ knowledge_base/
RUN python -m bot nlu build \
 && mkdir -p models \
 && chown -R microcred:microcred build models

FROM app AS rasa
COPY components/ components/
COPY channels/ channels/
COPY data/ data/
COPY config.yml domain.yml credentials.yml ./
COPY deploy/endpoints.yml deploy/endpoints.yml
COPY deploy/prepare.sh deploy/prepare.sh
USER 10001:10001
EXPOSE 5005
HEALTHCHECK --interval=30s --timeout=5s --start-period=180s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:5005/', timeout=4)"]
# The model comes from the prepare Job (deploy/prepare.sh), in the models volume.
CMD ["sh", "-c", "exec rasa run -m models --enable-api --auth-token \"$RASA_API_TOKEN\" --cors $MICROCRED_ALLOWED_ORIGINS --port 5005 --endpoints deploy/endpoints.yml --credentials credentials.yml"]

FROM app AS actions
COPY actions/ actions/
USER 10001:10001
EXPOSE 5055
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:5055/health', timeout=4)"]
CMD ["python", "-m", "bot.action_server", "--actions", "actions", "--port", "5055"]

FROM app AS web
COPY web/ web/
COPY --from=site-modules /site/node_modules web/site/node_modules
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/', timeout=4)"]
CMD ["python", "-m", "bot", "web", "serve", "--host", "0.0.0.0", "--port", "8080"]
