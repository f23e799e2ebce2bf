# followup — self-hosted news follow-up bot.
#
#   docker build -t followup .
#   docker run -d --name followup -v followup-data:/data --env-file .env followup
#   (or: docker compose up -d --build; see docker-compose.yml and the README's "Docker deployment")
#
# BASE must provide python3 (>= 3.11) with the venv module. The default is the official slim image; CI builds
# the same file on a local Debian bookworm rootfs (python3 in /usr/bin), see .ci/image-smoke. Both stages use
# the same BASE, so the virtualenv's interpreter path is valid in the final stage.
ARG BASE=python:3.12-slim

# --- 1. the runtime dependency list, cut out of pyproject.toml ----------------------------------------------
# Its own stage so that the install layer below is keyed on the list's content only: editing anything else in
# pyproject.toml (the version, tool settings) does not reinstall the dependencies.
FROM ${BASE} AS requirements
WORKDIR /src
COPY pyproject.toml ./
RUN python3 -c "import tomllib; \
deps = tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']; \
open('requirements.txt', 'w').write(''.join(d + '\n' for d in deps))"

# --- 2. build: dependencies from the lock, then the project itself ------------------------------------------
FROM ${BASE} AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    PYTHONDONTWRITEBYTECODE=1
RUN python3 -m venv /opt/followup
WORKDIR /src
# Dependencies first, in their own layer: a code change reuses it. The test suites some packages ship
# (numpy, matplotlib: about 25 MB) are never run here.
COPY constraints.txt ./
COPY --from=requirements /src/requirements.txt ./
RUN /opt/followup/bin/pip install -c constraints.txt -r requirements.txt \
    && find /opt/followup/lib -type d -name tests -prune -exec rm -rf {} +
# Then the project (no dependency resolution: everything it needs is already there, at the locked versions).
# The running bot needs neither pip nor setuptools (a python3.11 venv ships both): they leave the venv.
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY watchers ./watchers
RUN /opt/followup/bin/pip install --no-deps -c constraints.txt . \
    && /opt/followup/bin/pip check \
    && /opt/followup/bin/python -m pip uninstall -y -q pip setuptools \
    && /opt/followup/bin/python -m compileall -q /opt/followup/lib \
    && rm -rf /src

# --- 3. the image that runs -------------------------------------------------------------------------------
FROM ${BASE}
LABEL org.opencontainers.image.title="followup" \
      org.opencontainers.image.description="Self-hosted Telegram/Discord bot that follows up on the news (RSS/Atom)." \
      org.opencontainers.image.licenses="MIT"
# MPLCONFIGDIR: matplotlib (charts) keeps its font cache in /tmp, not in the bot's home (the data volume).
# WORKDIR / makes the code's relative defaults (sqlite:///data/followup.db, config/watches.yaml) land on the
# volume and the config mount too, even when .env sets DATABASE_URL or FOLLOWUP_CONFIG to an empty value.
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/followup/bin:$PATH \
    DATABASE_URL=sqlite:////data/followup.db \
    FOLLOWUP_CONFIG=/config/watches.yaml \
    MPLCONFIGDIR=/tmp/matplotlib
RUN useradd --system --uid 10001 --user-group --no-create-home --home-dir /data \
        --shell /usr/sbin/nologin followup \
    && mkdir -p /data /config /usr/local/share/followup \
    && chown followup:followup /data \
    && chmod 0750 /data
COPY --from=build /opt/followup /opt/followup
# The shipped config, used when nothing is mounted on /config; a pristine copy stays readable under
# /usr/local/share/followup even when /config is mounted (start your own config from it).
COPY config/watches.yaml /config/watches.yaml
COPY config/watches.yaml /usr/local/share/followup/watches.yaml
USER followup:followup
WORKDIR /
VOLUME ["/data"]
# `followup health`: 0 healthy, 1 unhealthy (not running, scheduler stalled, last successful poll too old),
# 3 database unreachable. Docker counts any non-zero exit as a failed check.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["followup", "health"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["followup"]
CMD ["run"]
