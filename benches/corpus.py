#!/usr/bin/env python3
"""Deterministic benchmark corpus: N briefings shaped like real ones.

Each briefing has ~800 words, 3-8 actors, 2-6 positions, 2-5 sources, a
table in 1 of 5 and a code block in 1 of 10. Actors number N/10 and
questions N/20 (1,000 and 500 at N = 10,000). The same corpus can be written
as a dossier site or as a Hugo site with equivalent templates (briefing page
with positions table and sources; actor term pages listing briefings).

    benches/corpus.py --n 10000 --flavor dossier --out /dev/shm/d10k
    benches/corpus.py --n 10000 --flavor hugo    --out /dev/shm/h10k
"""
import argparse
import os
import random
import shutil

WORDS = """the of and to in a is that for on with as by at from this it be are was were
has have had not but or which their its government minister president talks said
after before would could should will may might security ceasefire agreement troops
forces border treaty sanctions energy oil gas pipeline parliament vote coalition
alliance summit statement spokesman officials diplomats pressure economic military
support guarantee peace negotiations proposal plan response warning threat aid
weapons defence airspace navy army ports grain exports imports budget election
court ruling law reform policy strategy report analysts observers week month year
capital region country leaders partners allies neighbours council commission""".split()

STANCES = ["supports", "opposes", "conditional", "neutral", "unclear"]
KINDS = ["person", "state", "organization", "group"]


def sentence(rng, n=None):
    n = n or rng.randint(8, 20)
    words = [rng.choice(WORDS) for _ in range(n)]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def paragraph(rng, actors, sources, flavor):
    parts = []
    for _ in range(rng.randint(4, 7)):
        s = sentence(rng)
        if rng.random() < 0.3:
            a = rng.choice(actors)
            s = s[:-1] + (f" according to [[{a}]]." if flavor == "dossier" else f" according to {a}.")
        if rng.random() < 0.3:
            src = rng.choice(sources)
            s = s[:-1] + (f" [@{src}]." if flavor == "dossier" else f" [{src}].")
        parts.append(s)
    return " ".join(parts)


TABLE = "| Measure | Who | Status |\n|---|---|---|\n| Embargo | Council | Agreed |\n| Aid | Partners | Pending |\n| Talks | Envoys | Stalled |\n"
CODE = '```python\ndef tally(positions):\n    counts = {}\n    for p in positions:\n        counts[p["stance"]] = counts.get(p["stance"], 0) + 1\n    return counts\n```\n'


def body(rng, actors, sources, flavor):
    out = []
    words = 0
    section = 0
    while words < 800:
        if words > 0 and words // 250 > section:
            section += 1
            out.append(f"## {sentence(rng, 4)[:-1]}\n")
        p = paragraph(rng, actors, sources, flavor)
        words += len(p.split())
        out.append(p + "\n")
    return out


def yaml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def briefing(i, rng, n_actors, n_questions, n_topics, flavor):
    actors = [f"actor-{a}" for a in rng.sample(range(n_actors), rng.randint(3, 8))]
    sources = [f"src-{k}" for k in range(rng.randint(2, 5))]
    year = 2015 + i * 10 // max(1, n_total)
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    title = sentence(rng, 7)[:-1]
    positions = []
    for _ in range(rng.randint(2, 6)):
        positions.append({
            "actor": rng.choice(actors),
            "question": f"question-{rng.randrange(n_questions)}",
            "stance": rng.choice(STANCES),
            "summary": sentence(rng, 12),
            "quote": sentence(rng, 10) if rng.random() < 0.5 else None,
            "sources": rng.sample(sources, rng.randint(1, min(2, len(sources)))),
        })
    topics = [f"topic-{t}" for t in rng.sample(range(n_topics), rng.randint(1, 3))]
    fm = [f"title: {yaml_str(title)}", f"date: {date}", f"summary: {yaml_str(sentence(rng, 20))}"]
    fm.append("topics: [" + ", ".join(topics) + "]")
    fm.append("actors: [" + ", ".join(actors) + "]")
    if flavor == "hugo":
        fm.append("questions: [" + ", ".join(sorted({p["question"] for p in positions})) + "]")
    fm.append("positions:")
    for p in positions:
        fm.append(f"  - actor: {p['actor']}")
        fm.append(f"    question: {p['question']}")
        fm.append(f"    stance: {p['stance']}")
        fm.append(f"    summary: {yaml_str(p['summary'])}")
        if p["quote"]:
            fm.append(f"    quote: {yaml_str(p['quote'])}")
        fm.append("    sources: [" + ", ".join(p["sources"]) + "]")
    fm.append("sources:")
    for s in sources:
        fm.append(f"  - id: {s}")
        fm.append(f"    title: {yaml_str(sentence(rng, 6)[:-1])}")
        fm.append(f"    publisher: Publisher {rng.randrange(200)}")
        fm.append(f"    url: https://example.org/{i}/{s}")
        fm.append(f"    date: {date}")
        fm.append(f"    kind: {rng.choice(['primary', 'news', 'analysis', 'data'])}")
    parts = body(rng, actors, sources, flavor)
    if i % 5 == 0:
        parts.insert(2, TABLE)
    if i % 10 == 0:
        parts.insert(3, CODE)
    return "---\n" + "\n".join(fm) + "\n---\n" + "\n".join(parts)


HUGO_CONFIG = """baseURL = "http://localhost/"
title = "Benchmark"
disableKinds = ["RSS", "sitemap", "robotsTXT"]
[taxonomies]
  actor = "actors"
  question = "questions"
  topic = "topics"
"""

HUGO_BASEOF = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} - {{ .Site.Title }}</title>
<link rel="stylesheet" href="/style.css"></head><body><header><a href="/">{{ .Site.Title }}</a>
<nav><a href="/briefings/">Briefings</a> <a href="/actors/">Actors</a> <a href="/questions/">Questions</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>"""

HUGO_SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Summary }}</p>
<p><time>{{ .Date.Format "2 January 2006" }}</time></p>
<aside><h2>Key actors</h2><ul>{{ range .Params.actors }}<li><a href="/actors/{{ . }}/">{{ . }}</a></li>{{ end }}</ul></aside>
<h2>Where they stand</h2><table><tr><th>Actor</th><th>Question</th><th>Stance</th><th>Said</th><th>Sources</th></tr>
{{ range .Params.positions }}<tr><td><a href="/actors/{{ .actor }}/">{{ .actor }}</a></td><td><a href="/questions/{{ .question }}/">{{ .question }}</a></td>
<td><span class="stance stance-{{ .stance }}">{{ .stance }}</span></td><td>{{ .summary }}{{ with .quote }}<q>{{ . }}</q>{{ end }}</td>
<td>{{ range .sources }}<a href="#source-{{ . }}">[{{ . }}]</a>{{ end }}</td></tr>{{ end }}</table>
{{ .TableOfContents }}<div class="prose">{{ .Content }}</div>
<h2>Sources</h2><ol>{{ range .Params.sources }}<li id="source-{{ .id }}"><a href="{{ .url }}">{{ .title }}</a>, {{ .publisher }}, {{ .date }}</li>{{ end }}</ol>

</article>{{ end }}"""

HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><time>{{ .Date.Format "2 January 2006" }}</time>
<a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Summary }}</p></li>{{ end }}</ul>{{ end }}"""

HUGO_TERMS = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}"""


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    global n_total
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--flavor", choices=["dossier", "hugo"], default="dossier")
    args = ap.parse_args()
    n_total = args.n
    n_actors, n_questions, n_topics = max(20, args.n // 10), max(10, args.n // 20), 50
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    rng = random.Random(42)
    content = os.path.join(args.out, "content")
    for i in range(args.n):
        write(os.path.join(content, "briefings", f"briefing-{i}.md"),
              briefing(i, rng, n_actors, n_questions, n_topics, args.flavor))
    if args.flavor == "dossier":
        # Search off: Hugo builds no search index, so this keeps the comparison
        # like for like; compare.sh measures the search stage on its own.
        write(os.path.join(args.out, "dossier.yaml"), "title: Benchmark\nsearch: false\n")
        for a in range(n_actors):
            aff = f"affiliations: [actor-{(a * 7 + 1) % n_actors}]\n" if a % 3 == 0 else ""
            write(os.path.join(content, "actors", f"actor-{a}.md"),
                  f"---\nname: Actor {a}\nkind: {KINDS[a % 4]}\nrole: Role {a}\n{aff}---\n{sentence(rng, 30)}\n")
        for q in range(n_questions):
            write(os.path.join(content, "questions", f"question-{q}.md"),
                  f"---\ntitle: {yaml_str('Should we do thing ' + str(q) + '?')}\n---\n{sentence(rng, 30)}\n")
    else:
        write(os.path.join(args.out, "config.toml"), HUGO_CONFIG)
        layouts = os.path.join(args.out, "layouts", "_default")
        write(os.path.join(layouts, "baseof.html"), HUGO_BASEOF)
        write(os.path.join(layouts, "single.html"), HUGO_SINGLE)
        write(os.path.join(layouts, "list.html"), HUGO_LIST)
        write(os.path.join(layouts, "terms.html"), HUGO_TERMS)
        write(os.path.join(args.out, "static", "style.css"), "body{font-family:sans-serif}\n")


if __name__ == "__main__":
    main()
