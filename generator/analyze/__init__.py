"""Analysis: spaCy runs here and only here (``nlp``); quotations and their speakers (``quotes``);
the per-text analysis cache (``cache``). Everything leaving this package is a plain dataclass."""
