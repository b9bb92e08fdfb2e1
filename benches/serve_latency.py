#!/usr/bin/env python3
"""Edit-to-updated-page latency of `dossier serve` on a generated site.

    benches/serve_latency.py [N]     default N = 10000; RUNS (env) edits, default 5
    EDIT=title benches/serve_latency.py

What serve prints goes to $WORK/serve.log.
Generates (or reuses) the benchmark corpus of N briefings on /dev/shm, starts
`dossier serve` on a free port, then RUNS times: saves one briefing (write a
temporary file, rename it over, as editors do) and fetches its page until the
change is served. Prints each latency and the median. The clock starts just
before the rename and stops when the page has the change.

EDIT=body (the default; what writing prose does) adds a paragraph to the
body; EDIT=title changes the title in the front matter, which every page
listing the briefing shows; EDIT=position changes the first position's
stance and summary, and waits for both the briefing's and that actor's
page to show it; EDIT=add saves a new briefing (removed again after each
run) and waits for its page.
"""

import os
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
N = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
RUNS = int(os.environ.get("RUNS", "5"))
EDIT = os.environ.get("EDIT", "body")
WORK = os.environ.get("WORK", "/dev/shm/dossier-bench")
SITE = os.path.join(WORK, f"d{N}")


def fetch(url):
    """The page's text, or "" while it is not there yet."""
    try:
        with urllib.request.urlopen(url) as r:
            return r.read().decode("utf-8")
    except urllib.error.HTTPError:
        return ""


def main():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    if not os.path.isdir(SITE):
        tmp = SITE + ".tmp"
        subprocess.run(["rm", "-rf", tmp], check=True)
        subprocess.run([sys.executable, os.path.join(ROOT, "benches/corpus.py"), "--n", str(N), "--out", tmp], check=True)
        os.rename(tmp, SITE)
    log_path = os.path.join(WORK, "serve.log")
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [os.path.join(ROOT, "target/release/dossier"), "serve", "--port", "0", "--no-reload", "--root", SITE],
            stderr=log)
    try:
        base = None
        deadline = time.time() + 300
        while base is None and time.time() < deadline and server.poll() is None:
            for line in open(log_path, encoding="utf-8"):
                if line.startswith("Serving at "):
                    base = line.split()[2].rstrip("/")
            time.sleep(0.2)
        if base is None:
            sys.exit(f"serve did not start; see {log_path}")
        path = os.path.join(SITE, "content/briefings/briefing-17.md")
        original = open(path, encoding="utf-8").read()
        title_line = next(l for l in original.splitlines() if l.startswith("title:"))
        lines = original.splitlines()
        first = next(i for i, l in enumerate(lines) if l.startswith("  - actor:"))
        actor = lines[first].split(":", 1)[1].strip()
        stances = ["supports", "opposes", "neutral", "unclear"]
        times = []
        try:
            for run in range(RUNS):
                marker = f"Edited {EDIT} {run} {time.time_ns()}"
                target, urls = path, ["/briefings/briefing-17/"]
                if EDIT == "title":
                    edited = original.replace(title_line, f"title: {marker}", 1)
                elif EDIT == "position":
                    changed = list(lines)
                    changed[first + 2] = f"    stance: {stances[run % len(stances)]}"
                    changed[first + 3] = f"    summary: \"{marker}\""
                    edited = "\n".join(changed) + "\n"
                    urls.append(f"/actors/{actor}/")
                elif EDIT == "add":
                    target = os.path.join(SITE, f"content/briefings/added-{run}.md")
                    edited = original.replace(title_line, f"title: {marker}", 1)
                    urls = [f"/briefings/added-{run}/"]
                else:
                    edited = original.rstrip("\n") + f"\n\nA new paragraph: {marker}.\n"
                tmp = target + ".tmp~"
                with open(tmp, "w", encoding="utf-8") as f:
                    f.write(edited)
                start = time.perf_counter()
                os.rename(tmp, target)
                for url in urls:
                    while marker not in fetch(base + url):
                        if time.perf_counter() - start > 120:
                            sys.exit("gave up after 120 s")
                        time.sleep(0.005)
                times.append(time.perf_counter() - start)
                print(f"edit {run + 1}: {times[-1] * 1000:.0f} ms", flush=True)
                if EDIT == "add":
                    os.remove(target)
                time.sleep(1 if N < 5000 else 3)
        finally:
            with open(path, "w", encoding="utf-8") as f:
                f.write(original)
        print(f"median edit-to-page latency ({EDIT} edits) at {N} briefings: {statistics.median(times) * 1000:.0f} ms "
              f"({RUNS} edits; {os.cpu_count()} cores)")
    finally:
        server.kill()


if __name__ == "__main__":
    main()
