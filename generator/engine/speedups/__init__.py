"""Speed-ups for the MkDocs stage that lean on other projects' internals: the page cache and its
store (``pagecache``, ``pagestore``), page work on two cores (``pagework``), navigation rendered
once per folder (``navmemo``) and a leaner inline Markdown pass (``leaninline``)."""
