# followup — self-hosted news follow-up bot.
# Build:  docker build -t followup .
# Run:    docker run -v followup-data:/data -v ./config:/config:ro --env-file .env followup
ARG BASE=python:3.12-slim

FROM ${BASE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python3 -m venv /opt/followup
COPY pyproject.toml constraints.txt README.md ./
COPY bot ./bot
COPY watchers ./watchers
RUN /opt/followup/bin/pip install -c constraints.txt .

FROM ${BASE}
ENV PYTHONUNBUFFERED=1 \
    PATH=/opt/followup/bin:$PATH \
    DATABASE_URL=sqlite:////data/followup.db \
    FOLLOWUP_CONFIG=/config/watches.yaml
RUN useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin followup \
    && mkdir -p /data /config && chown followup /data
COPY --from=build /opt/followup /opt/followup
COPY config /config
USER followup
WORKDIR /data
VOLUME ["/data"]
ENTRYPOINT ["followup"]
CMD ["run"]
