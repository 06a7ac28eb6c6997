"""Actors: names cleaned (``names``), mentions of one article (``mentions``), countries and
demonyms (``countries``), the user's alias file (``aliasfile``), and the corpus-wide merge into
canonical people, organisations and places (``index``)."""
