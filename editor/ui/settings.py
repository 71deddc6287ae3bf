"""Preferences and window state in an INI file under the platform's config folder."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from editor.core.storage.appdirs import config_dir

MAX_RECENT = 8


class Settings:
    """Typed access to QSettings; the path follows ARTICLE_EDITOR_CONFIG_DIR in tests."""

    def __init__(self) -> None:
        self._q = QSettings(str(config_dir() / "settings.ini"), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self._q.sync()

    def _str(self, key: str) -> str:
        value = self._q.value(key, "")
        return value if isinstance(value, str) else ""

    @property
    def last_folder(self) -> str:
        return self._str("session/last_folder")

    @last_folder.setter
    def last_folder(self, value: str) -> None:
        self._q.setValue("session/last_folder", value)

    @property
    def last_article(self) -> str:
        return self._str("session/last_article")

    @last_article.setter
    def last_article(self, value: str) -> None:
        self._q.setValue("session/last_article", value)

    @property
    def recent_folders(self) -> list[str]:
        value = self._q.value("session/recent_folders", [])
        if isinstance(value, str):
            value = [value]
        return [v for v in (value or []) if isinstance(v, str)]

    def add_recent_folder(self, folder: str) -> None:
        items = [folder, *[f for f in self.recent_folders if f != folder]][:MAX_RECENT]
        self._q.setValue("session/recent_folders", items)

    def geometry(self, name: str) -> QByteArray | None:
        value = self._q.value(f"window/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, name: str, value: QByteArray) -> None:
        self._q.setValue(f"window/{name}", value)

    @property
    def zoom(self) -> int:
        try:
            return int(self._q.value("view/zoom", 0))
        except (TypeError, ValueError):
            return 0

    @zoom.setter
    def zoom(self, value: int) -> None:
        self._q.setValue("view/zoom", int(value))

    @property
    def spelling_language(self) -> str:
        """The spelling dictionary: "en_GB", "en_US", or "" for automatic."""
        return self._str("spelling/language")

    @spelling_language.setter
    def spelling_language(self, value: str) -> None:
        self._q.setValue("spelling/language", value)
