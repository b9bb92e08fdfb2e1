// dossier's one script: the `/` shortcut to search on every page, preview
// cards over actor and source links, the stance map's filters, the table of
// contents' current section, and the search page itself. Pages work
// without it; only search needs it.

const box = document.querySelector("[data-search-box]");

// `/` jumps to the search box, as on GitHub or MDN; not while typing.
document.addEventListener("keydown", (event) => {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || !box) return;
  const target = event.target;
  const typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  if (typing) return;
  event.preventDefault();
  box.focus();
  box.select();
});

const app = document.getElementById("search-app");
if (app) runSearch(app);

previewCards();
tocHighlight();

// Hovering over or focusing a link to an actor (whose card the page carries
// in a <template data-preview>) or to a numbered source (#source-…) shows a
// small card beside it; Escape, moving away or leaving the link hides it.
function previewCards() {
  const cards = new Map([...document.querySelectorAll("template[data-preview]")].map((t) => [t.dataset.preview, t]));
  const tip = document.createElement("div");
  tip.className = "preview";
  tip.id = "preview-card";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  document.body.append(tip);
  let current = null;

  const contentFor = (link) => {
    const href = link.getAttribute("href") || "";
    const card = cards.get(href);
    if (card) return card.content.cloneNode(true);
    if (!href.startsWith("#source-")) return null;
    const entry = byFragment(href.slice(1));
    if (!entry || entry === link.closest("li")) return null;
    const copy = entry.cloneNode(true);
    copy.querySelectorAll(".backref").forEach((e) => e.remove());
    copy.querySelectorAll("[id]").forEach((e) => e.removeAttribute("id"));
    const box = document.createElement("div");
    box.className = "preview-card preview-source";
    box.append(...copy.childNodes);
    return box;
  };
  const hide = () => {
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    tip.hidden = true;
  };
  const show = (link) => {
    if (link === current) return;
    const content = contentFor(link);
    if (!content) return hide();
    hide();
    tip.replaceChildren(content);
    tip.hidden = false;
    current = link;
    link.setAttribute("aria-describedby", tip.id);
    // Below the link, or above it when there is no room; never off the page.
    const r = link.getBoundingClientRect();
    const width = tip.offsetWidth;
    const height = tip.offsetHeight;
    const left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - width - 8));
    const below = r.bottom + 6 + height < window.innerHeight || r.top < height + 6;
    tip.style.left = `${left + window.scrollX}px`;
    tip.style.top = `${(below ? r.bottom + 6 : r.top - height - 6) + window.scrollY}px`;
  };
  const linkOf = (target) => (target instanceof Element ? target.closest("a[href]") : null);
  document.addEventListener("focusin", (e) => {
    const link = linkOf(e.target);
    if (link) show(link);
    else hide();
  });
  document.addEventListener("focusout", (e) => {
    if (e.target === current) hide();
  });
  document.addEventListener("mouseover", (e) => {
    const link = linkOf(e.target);
    if (link) show(link);
  });
  document.addEventListener("mouseout", (e) => {
    if (current && linkOf(e.target) === current && !current.contains(e.relatedTarget)) hide();
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") hide();
  });
}

// The element a link's fragment names. A fragment is percent-encoded, but
// an author's own heading id may hold a stray `%` (`{#%zz}`), which
// decodeURIComponent refuses: then the fragment is the id as written.
function byFragment(fragment) {
  let id = fragment;
  try {
    id = decodeURIComponent(fragment);
  } catch {
    // not encoded: keep it as it is
  }
  return document.getElementById(id);
}

// Marks the table of contents' entry for the section being read.
function tocHighlight() {
  const links = [...document.querySelectorAll(".toc a[href^='#']")];
  const targets = links.map((a) => byFragment(a.hash.slice(1))).filter(Boolean);
  if (targets.length === 0 || !("IntersectionObserver" in window)) return;
  const visible = new Set();
  const observer = new IntersectionObserver((entries) => {
    for (const e of entries) (e.isIntersecting ? visible.add(e.target) : visible.delete(e.target));
    const first = targets.find((t) => visible.has(t));
    if (!first) return;
    for (const a of links) {
      if (byFragment(a.hash.slice(1)) === first) a.setAttribute("aria-current", "location");
      else a.removeAttribute("aria-current");
    }
  }, { rootMargin: "0px 0px -60% 0px" });
  targets.forEach((t) => observer.observe(t));
}

// Counts in the page's language: `forms` (a data attribute holding
// JSON, see the `forms` filter) has a form per plural category, `{n}` for
// the count; `english` stands in when a template gives none.
const plural = new Intl.PluralRules(document.documentElement.lang || "en");
// A count as the page's language writes it (12 345 in French); English
// pages keep the plain digits the build writes too.
function grouped(n) {
  const lang = document.documentElement.lang || "en";
  if (/^en(-|$)/i.test(lang)) return String(n);
  try {
    return new Intl.NumberFormat(lang, { maximumFractionDigits: 0, numberingSystem: "latn" }).format(n);
  } catch {
    return String(n);
  }
}

function counted(forms, n, english, more = {}) {
  let text = english;
  try {
    const parsed = JSON.parse(forms);
    text = parsed[plural.select(n)] ?? parsed.other ?? english;
  } catch {}
  text = text.replace("{n}", grouped(n));
  for (const [name, value] of Object.entries(more)) text = text.replace(`{${name}}`, value);
  return text;
}

const map = document.querySelector("table.stance-map");
const mapFilters = document.querySelector("[data-map-filters]");
if (map && mapFilters) filterMap(map, mapFilters);

// Rows carry the actor's kind, column heads the questions' topics: a
// filter hides what does not match, and rows left with no stance.
function filterMap(table, form) {
  const heads = [...table.tHead.rows[0].cells].slice(1);
  const count = form.querySelector("[data-map-count]");
  const selects = [...form.querySelectorAll("select")];
  if (selects.length === 0) return;
  form.hidden = false;
  const apply = () => {
    const kind = form.elements.kind?.value || "";
    const topic = form.elements.topic?.value || "";
    const shown = heads.map((th) => !topic || th.dataset.topics.split(" ").includes(topic));
    heads.forEach((th, i) => (th.hidden = !shown[i]));
    let rows = 0;
    for (const row of table.tBodies[0].rows) {
      const cells = [...row.cells].slice(1);
      cells.forEach((td, i) => (td.hidden = !shown[i]));
      const visible = (!kind || row.dataset.kind === kind) && cells.some((td, i) => shown[i] && td.dataset.stance);
      row.hidden = !visible;
      if (visible) rows++;
    }
    const questions = shown.filter(Boolean).length;
    const actors = counted(form.dataset.actors, rows, rows === 1 ? "{n} actor" : "{n} actors");
    count.textContent = `${actors}, ${counted(form.dataset.questions, questions, questions === 1 ? "{n} question" : "{n} questions")}`;
  };
  for (const select of selects) select.addEventListener("change", apply);
  apply();
}

async function runSearch(app) {
  const form = app.querySelector("form");
  const status = app.querySelector("[data-search-status]");
  const list = app.querySelector("[data-search-results]");
  const input = form.elements.q;
  const selects = [...form.querySelectorAll("select[data-filter]")];
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  const words = app.dataset;
  status.textContent = words.loading || "Loading the search index…";

  let pagefind;
  try {
    pagefind = await import(app.dataset.bundle);
    // Result URLs are stored complete, base path included.
    await pagefind.options({ baseUrl: "/" });
    await pagefind.init();
  } catch (error) {
    status.textContent = words.failed || "The search index could not be loaded. Search works when the site is served over HTTP.";
    return;
  }

  // Each filter's choices come from the index, with counts.
  const available = await pagefind.filters();
  for (const select of selects) {
    const values = Object.keys(available[select.dataset.filter] || {}).sort((a, b) => a.localeCompare(b));
    for (const value of values) select.add(new Option(value, value));
    select.value = params.get(select.name) || "";
    select.closest("[data-filter-field]").hidden = values.length === 0;
  }

  let latest = 0;
  const render = async () => {
    const ticket = ++latest;
    const query = input.value.trim();
    const filters = {};
    for (const select of selects) if (select.value) filters[select.dataset.filter] = [select.value];
    if (!query && Object.keys(filters).length === 0) {
      list.replaceChildren();
      status.textContent = words.prompt || "Type a word to search, or pick a filter.";
      return;
    }
    const search = await pagefind.search(query || null, { filters, sort: query ? undefined : { date: "desc" } });
    const shown = await Promise.all(search.results.slice(0, 50).map((r) => r.data()));
    if (ticket !== latest) return; // typing went on: a newer search shows instead
    list.replaceChildren(...shown.map(resultItem));
    const n = search.results.length;
    status.textContent =
      n === 0
        ? words.none || "No results."
        : n > shown.length
          ? counted(words.countFirst, n, "{n} results, first {shown} shown.", { shown: shown.length })
          : counted(words.count, n, n === 1 ? "{n} result." : "{n} results.");
  };

  const sync = () => {
    const next = new URLSearchParams();
    if (input.value.trim()) next.set("q", input.value.trim());
    for (const select of selects) if (select.value) next.set(select.name, select.value);
    history.replaceState(null, "", `${location.pathname}${next.size ? `?${next}` : ""}`);
    render();
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    sync();
  });
  input.addEventListener("input", sync);
  for (const select of selects) select.addEventListener("change", sync);
  await render();
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "search-result";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  const heading = document.createElement("h2");
  heading.append(link);
  const about = document.createElement("p");
  about.className = "muted search-kind";
  about.textContent = [data.meta.kind, data.meta.date].filter(Boolean).join(" · ");
  const excerpt = document.createElement("p");
  // Pagefind escapes the page text and adds only <mark> around matches.
  excerpt.innerHTML = data.excerpt;
  item.append(heading, about, excerpt);
  return item;
}
