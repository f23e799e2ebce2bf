"""Reloading the config of a running bot (SIGHUP) without losing state.

Everything a watch has learnt — baselines, alerts, history, the outbox, which entries were seen — lives in
the database, so applying a new config only has to bring the process's derived objects in line with it.
The watches go through the watch registry exactly as at start (watchers.tracking.registry: the config's
watches synced into the watches table, chat overrides and tombstones respected; the feeds table declared
for the effective set; the tracker's engine swapped under its lock; the live titles updated); then the
declared subscriptions, the owners who get admin notices, and the log level.

A few settings are wired into long-lived objects at start and need a restart to change: the HTTP fetcher's
limits (``settings.fetch``, ``allow_private_feeds``), the poll policy (``max_consecutive_failures``,
``jitter``), ``log_format`` and the chat delivery settings. A reload that changes them says so in the log.
"""

from __future__ import annotations

import asyncio
import logging
import random
from pathlib import Path

from bot.app import Services, first_checks, owner_targets, sync_subscriptions
from bot.logs import set_levels
from watchers.config import ConfigError, FollowupConfig, load_config
from watchers.store.outbox import OutboxRepository
from watchers.tracking.registry import feed_intervals

log = logging.getLogger(__name__)


async def reload_config(svc: Services, new_config: FollowupConfig, *, rng: random.Random | None = None) -> None:
    """Apply an already validated ``new_config`` to the running bot ``svc``; states in the database stay.

    The single place a config file change takes effect at run time (SIGHUP calls it). Watches go through
    the registry's start-up path (WatchRegistry.start), the same registry chat-made changes go through, so
    the watches table, the feeds table, the tracker's engine and the titles never disagree about which
    watches exist. The registry's settings are replaced first: poll_interval, deadline_alerts and
    max_entry_age shape the feed intervals and the compiled watches. New feeds' first polls are spread as
    at start.
    """
    old = svc.config
    svc.registry.settings = new_config.settings
    first = first_checks(new_config, svc.clock, rng or random.Random())
    await svc.registry.start(new_config.watches, first_check=first)
    await sync_subscriptions(OutboxRepository(svc.db), new_config, svc.env, svc.clock)
    if svc.dispatcher is not None:
        svc.dispatcher.set_owners(owner_targets(new_config))
    svc.config = new_config
    for context in svc.command_contexts:
        context.config = new_config  # owners and allow_private_feeds, as commands check them
    set_levels(new_config.settings.log_level)
    restart = _needs_restart(old, new_config)
    if restart:
        log.warning("config reloaded, but these changes take effect only after a restart: %s", ", ".join(restart))
    effective = svc.registry.effective()
    feeds = feed_intervals(effective, svc.registry.settings)
    log.info("config reloaded: %d watches, %d feeds", len(effective), len(feeds))


def _needs_restart(old: FollowupConfig, new: FollowupConfig) -> list[str]:
    changed = []
    pairs = {
        "settings.fetch": (old.settings.fetch, new.settings.fetch),
        "settings.allow_private_feeds": (old.settings.allow_private_feeds, new.settings.allow_private_feeds),
        "settings.max_consecutive_failures": (
            old.settings.max_consecutive_failures,
            new.settings.max_consecutive_failures,
        ),
        "settings.jitter": (old.settings.jitter, new.settings.jitter),
        "settings.log_format": (old.settings.log_format, new.settings.log_format),
        "delivery": (old.delivery, new.delivery),
    }
    for name, (before, after) in pairs.items():
        if before != after:
            changed.append(name)
    return changed


async def reload_from_file(svc: Services, path: Path) -> bool:
    """Re-read and validate ``path``; apply it, or keep the running config and log every problem found.

    Returns whether the new config was applied. Never raises for a bad file: a typo in the YAML must not
    take a running bot down.
    """
    log.info("reloading the config from %s", path)
    try:
        new_config = await asyncio.to_thread(load_config, path)
    except ConfigError as error:
        log.error("config reload failed; still running with the previous config:\n%s", error.format())
        return False
    except OSError as error:
        log.error("config reload failed (%s: %s); still running with the previous config", path, error.strerror)
        return False
    try:
        await reload_config(svc, new_config)
    except Exception:
        log.exception("applying the reloaded config failed; the previous config may be partly in effect")
        return False
    return True
