"""The UI's labels (``naba/lang/ar/ui_labels.tsv``): read once when the app is created and handed
to the pages, the templates and the error handlers."""

from __future__ import annotations

from dataclasses import dataclass

from naba.lang import Language
from naba.lang import default as default_language

LABELS_TABLE = "ui_labels"


@dataclass(frozen=True)
class UiLabels:
    """Labels by key (``error.404``, ``speaker_kind.named``): ``group.name`` -> text."""

    texts: dict[str, str]

    @classmethod
    def load(cls, lang: Language | None = None) -> UiLabels:
        lang = lang if lang is not None else default_language()
        return cls(lang.mapping(LABELS_TABLE, "key", "text"))

    def __getitem__(self, key: str) -> str:
        return self.texts[key]

    def get(self, key: str, default: str | None = None) -> str | None:
        return self.texts.get(key, default)

    def group(self, name: str) -> dict[str, str]:
        """The labels of one group in file order (``group("status")`` -> {"happened": ..., ...})."""
        prefix = name + "."
        return {key[len(prefix):]: text for key, text in self.texts.items() if key.startswith(prefix)}
