"""Language knowledge as data: every word list a stage uses lives in ``naba/lang/<code>/``.

``load("ar")`` reads nothing up front; each table is read once, when a stage first asks for it,
and kept on the ``Language`` object the pipeline passes to every stage.
"""

from naba.lang.language import Language, LanguageError, Row, default, load

__all__ = ["Language", "LanguageError", "Row", "default", "load"]
