"""One build, timed from inside: ``python -m tools.benchmark.one_build MKDOCS_YML SITE_DIR``.

The benchmark starts every build it times as a fresh process, because that is what a user's
``digest build`` is: the figure then holds the imports, the loading of the spaCy pipeline when
there is something to analyse, and the exit, which an in-process build after another one hides
(about 2 s a rebuild on ecbplus-dev). Prints one line of JSON: the stages' seconds, the seconds of
``generate`` and of ``build_site`` (both wall), pages, files written, and peak memory in MB of this
process and of its largest worker or forked child.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from generator.runner import preload_early


def main(config: str, site: str) -> None:
    early = preload_early()  # as the command line does, before it imports the rest of digest
    from generator.site import build_site, ending_process

    started = time.perf_counter()
    report = build_site(Path(config), site_dir=Path(site), preloader=early)
    built = time.perf_counter() - started
    ending_process()  # as the command line does
    generated = report.generated
    peaks = [resource.getrusage(who).ru_maxrss / 1024 for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    print(json.dumps({"stages": generated.seconds, "generate": generated.wall, "build": built,
                      "pages": len(generated.pages), "written": report.written, "memory": peaks}))


if __name__ == "__main__":
    main(*sys.argv[1:3])
