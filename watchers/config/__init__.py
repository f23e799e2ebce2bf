"""The YAML configuration: its schema, its loader and the error report that points at file and line."""

from watchers.config.loader import ConfigError, ConfigProblem, load_config, load_config_text
from watchers.config.schema import FollowupConfig, Settings, WatchConfig

__all__ = [
    "ConfigError",
    "ConfigProblem",
    "FollowupConfig",
    "Settings",
    "WatchConfig",
    "load_config",
    "load_config_text",
]
