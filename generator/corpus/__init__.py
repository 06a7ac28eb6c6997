"""Corpus stages, each reading every article's analysis: stories (``stories`` over ``clustering``),
related articles, themes (``themes``, ``discovery``), digests by date, the TF-IDF vectors they
share (``vectors``), and the assembly of all of it into one ``Digest`` (``assemble``)."""
