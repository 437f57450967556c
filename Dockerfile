# article-bot: a Telegram bot that answers questions about one news article.
#
#   docker build -t article-bot .
#   docker run --rm -e TELEGRAM_BOT_TOKEN=... -v article-bot-data:/data article-bot
#   # docker stop: SIGTERM, then SIGKILL 10 s later (--stop-timeout): enough for the default
#   # ARTICLE_BOT_STOP_GRACE_SECONDS=5 plus 2 s; give it the grace period + 5 s if you raise it
#   # new answers without a rebuild: mount a facts file over the packaged one
#   docker run --rm -e TELEGRAM_BOT_TOKEN=... -v article-bot-data:/data \
#       -v "$PWD/facts.yaml:/app/facts.yaml:ro" article-bot
#   docker run --rm article-bot article-bot ask "where did they meet?"
#
# Stages: `requirements` turns pyproject.toml's dependency list into a requirements
# file; `builder` makes a virtualenv in /opt/venv (those dependencies first, in a layer
# that only a change to the list invalidates, then the project itself with --no-deps);
# the final stage copies just that venv onto a clean python:3.12-slim.

# The dependency list alone: [project].dependencies from pyproject.toml, read with
# tomllib, as a requirements file. Copying only this file into the builder keys the
# dependency layer on the list itself, so edits elsewhere in pyproject.toml ([tool.*],
# the version, ...) do not reinstall the dependencies. Versions are exactly the ranges
# pyproject.toml gives; nothing more is pinned.
FROM python:3.12-slim AS requirements
WORKDIR /src
COPY pyproject.toml ./
RUN python -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"], sep="\n")' \
        > /requirements.txt


FROM python:3.12-slim AS builder

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

# --without-pip: the venv needs no pip at run time, and ensurepip's bundled pip can be
# older than the image's own (which is kept up to date); every install below runs the
# image's pip against the venv with --python.
RUN python -m venv --without-pip /opt/venv

# Dependencies first, in a layer that the source does not invalidate.
COPY --from=requirements /requirements.txt /tmp/requirements.txt
RUN pip --python /opt/venv/bin/python install --no-cache-dir -r /tmp/requirements.txt

WORKDIR /src

# The project itself. bot/facts.yaml is a symlink to ../facts.yaml; building the wheel
# stores the real file, and the check below fails the build if the installed package
# holds a link or a stale copy instead. README.m[d]: the readme pyproject.toml names,
# copied when present (a wildcard may match nothing; setuptools only warns without it).
COPY pyproject.toml facts.yaml README.m[d] ./
COPY bot/ ./bot/
RUN pip --python /opt/venv/bin/python install --no-cache-dir --no-deps . \
    && installed=/opt/venv/lib/python3.12/site-packages/bot/facts.yaml \
    && test -f "$installed" && test ! -L "$installed" && cmp "$installed" facts.yaml \
    && /opt/venv/bin/article-bot check "$installed"


FROM python:3.12-slim

LABEL org.opencontainers.image.title="article-bot" \
      org.opencontainers.image.description="A Telegram bot that answers questions about one news article, citing the sentence each answer rests on." \
      org.opencontainers.image.licenses="MIT"

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    ARTICLE_BOT_FACTS=/app/facts.yaml \
    ARTICLE_BOT_DB=/data/article-bot.sqlite3 \
    ARTICLE_BOT_UPDATES_DB=/data/article-bot-updates.sqlite3

# An unprivileged user with a fixed uid/gid (10001), so that a host directory mounted
# at /data can be made writable for it: chown 10001:10001 DIR.
# (--no-log-init: no sparse lastlog/faillog entries for a high uid.)
RUN groupadd --gid 10001 app \
    && useradd --uid 10001 --gid app --no-log-init --no-create-home --home-dir /app \
        --shell /usr/sbin/nologin app \
    && mkdir -p /data \
    && chown app:app /data

# Root-owned and read-only for the app user: code and the default facts file.
COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
# The app reads $ARTICLE_BOT_FACTS (= ./facts.yaml here); mount another file over it
# with -v "$PWD/facts.yaml:/app/facts.yaml:ro" to change the answers without a rebuild.
COPY facts.yaml ./

# Numeric, so that runtimes can verify it is not root (e.g. Kubernetes runAsNonRoot).
USER 10001:10001

# SQLite databases ($ARTICLE_BOT_DB, the misses; $ARTICLE_BOT_UPDATES_DB, the questions taken
# and not answered yet, answered first after a restart); a volume so they outlive the container.
VOLUME ["/data"]

# Webhook mode only (ARTICLE_BOT_WEBHOOK_URL + ARTICLE_BOT_WEBHOOK_SECRET set; the port is
# ARTICLE_BOT_WEBHOOK_PORT, default 8443). Long polling, the default, needs no open port.
EXPOSE 8443

# Exec form, no shell or init in between: python is PID 1 and gets SIGTERM directly
# from `docker stop`. On it the bot stops taking updates, answers for up to
# ARTICLE_BOT_STOP_GRACE_SECONDS (5), lets the replies on their way finish (2 s at most),
# keeps the rest in $ARTICLE_BOT_UPDATES_DB for the next start, and exits 0. Docker kills
# 10 s after SIGTERM unless told otherwise: `docker run --stop-timeout SECONDS`, or
# `stop_grace_period` in Compose; keep it above the grace period + 2 s.
STOPSIGNAL SIGTERM
CMD ["article-bot", "run"]
