# The interface's words in English: every string the built-in templates,
# site.js and the generated pages show. A theme's i18n/<lang>.ftl and the
# site's own i18n/<lang>.ftl can add or override messages
# (https://projectfluent.org/fluent/guide/). Messages may hold HTML;
# their `$arguments` are escaped unless they are HTML the build made.

## Dates

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
# The month as it stands in a date ("4 September 2025"); languages that
# inflect it (Ukrainian: вересня) give its form here.
month-1-of-day = { month-1 }
month-2-of-day = { month-2 }
month-3-of-day = { month-3 }
month-4-of-day = { month-4 }
month-5-of-day = { month-5 }
month-6-of-day = { month-6 }
month-7-of-day = { month-7 }
month-8-of-day = { month-8 }
month-9-of-day = { month-9 }
month-10-of-day = { month-10 }
month-11-of-day = { month-11 }
month-12-of-day = { month-12 }
date = { $day } { $month } { $year }
month-of-year = { $month } { $year }

## Counts

count-briefings = { $n ->
    [one] { $n } briefing
   *[other] { $n } briefings
}
count-positions = { $n ->
    [one] { $n } position
   *[other] { $n } positions
}
count-sources = { $n ->
    [one] { $n } source
   *[other] { $n } sources
}
count-publishers = { $n ->
    [one] { $n } publisher
   *[other] { $n } publishers
}
count-actors = { $n ->
    [one] { $n } actor
   *[other] { $n } actors
}
count-questions = { $n ->
    [one] { $n } question
   *[other] { $n } questions
}
count-topics = { $n ->
    [one] { $n } topic
   *[other] { $n } topics
}
count-authors = { $n ->
    [one] { $n } author
   *[other] { $n } authors
}
count-corrections = { $n ->
    [one] { $n } correction
   *[other] { $n } corrections
}
count-pages = { $n ->
    [one] { $n } page
   *[other] { $n } pages
}
list-and = and

## Stances, kinds of actors and sources

stance-supports = Supports
stance-opposes = Opposes
stance-conditional = Conditional
stance-neutral = Neutral
stance-unclear = Unclear
kind-person = Person
kind-state = State
kind-institution = Institution
kind-organization = Organization
kind-group = Group
kinds-person = People
kinds-state = States
kinds-institution = Institutions
kinds-organization = Organizations
kinds-group = Groups
kinds-other = Others
kind-other = Other
source-kind-primary = primary
source-kind-news = news
source-kind-analysis = analysis
source-kind-data = data
sourcing-primary = { $n ->
    [one] { $n } primary document
   *[other] { $n } primary documents
}
sourcing-news = { $n ->
    [one] { $n } news report
   *[other] { $n } news reports
}
sourcing-analysis = { $n ->
    [one] { $n } analysis
   *[other] { $n } analyses
}
sourcing-data = { $n ->
    [one] { $n } dataset
   *[other] { $n } datasets
}

## Sections and their pages

section-briefings = Briefings
section-actors = Actors
section-questions = Questions
section-topics = Topics
section-sources = Sources
section-authors = Authors
section-corrections = Corrections
section-search = Search
page-briefing = Briefing
page-actor = Actor
page-question = Question
page-topic = Topic
page-page = Page
page-author = Author
page-source = Source
page-publisher = Publisher

## Every page

skip-to-content = Skip to content
nav-sections = Sections
search = Search
search-placeholder = Search  /
footer-note = Every position on this site links to the source behind it. Built with dossier.

## Home page

latest-briefings = Latest briefings
latest = Latest
all-briefings = All briefings
also-in-briefings = Also in the briefings
no-briefings-yet = No briefings yet. Add one under <code>content/briefings/</code>.
open-questions = Open questions
most-active-actors = Most active actors
most-active = Most active

## Briefings

notice-scheduled = <strong>Scheduled:</strong> this briefing is published on { $date }; this is a preview.
notice-archived = <strong>Archived:</strong> this briefing has not been kept up to date since { $date }.
corrections-heading = { $n ->
    [one] Correction
   *[other] Corrections
}
every-correction = Every correction on this site
updated-on = Updated { $date }
status-developing = Developing
status-developing-story = Developing story
status-settled = Settled
key-actors = Key actors
also-mentioned = Also mentioned
where-they-stand = Where they stand
column-actor = Actor
column-question = Question
column-stance = Stance
column-said = What they said
column-sources = Sources
column-latest-stance = Latest stance
column-since = Since
column-changed = Changed?
column-source = Source
yes = Yes
no = No
no-question = General
timeline-of-positions = Timeline of positions
on-question = on { $question }
sources = Sources
sourcing-by-kind = { count-sources }: { $kinds }
sourcing-unstated = { $n } of no stated kind
sourcing-publishers = ; from { count-publishers }
archived-copy = Archived copy
accessed-later = accessed { $date }
accessed = Accessed { $date }
accessed-parenthesis = (accessed { $date })
cited-elsewhere = Where else it is cited
back-to-citation = Back to citation { $n }
updates = Updates
related-briefings = Related briefings
linked-from = Linked from
contents = Contents
byline = By
changed-from = Changed from { $stance }
corrected-on = Corrected { $date }:
in-briefing = In { $briefing }
feed-correction = Correction: { $title }

## Actors

also-called = Also called { $names }
positions = Positions
other-positions = Other positions
latest-stance = Latest:
stance-changed = Stance has changed over time
no-positions-yet = No recorded positions yet.
network = Network
network-of = Actors linked to { $name }
network-of-site = The network of actors
briefings = Briefings
no-briefings-involved = Not yet involved in any briefing.
mentioned-in = Mentioned in
affiliated-with = Affiliated with
affiliated-actors = Affiliated actors
appears-with = Appears most often with
reference-pages = Reference pages
actors-lede = { $n } people, states, institutions and organizations, and where each of them stands.
network-intro = Who is linked to whom. Each actor's page shows its own neighbourhood.
network-intro-top = Who is linked to whom: the { $n } actors named in the most briefings. Each actor's page shows its own neighbourhood.
no-actors-yet = No actors yet. Add one under <code>content/actors/</code>.
network-legend = Solid lines with an arrow: affiliation (towards the organization). Dashed lines: named in the same briefings (thicker: more often). Shapes: circle, person; square, state; pentagon, institution; diamond, organization; triangle, group.
network-as-list = The links as a list
network-affiliated = affiliated
network-together = { count-briefings } together

## Questions

only-one-side = Only one side so far.
no-position-on-question = No actor has taken a position on this question yet.
timeline = Timeline
timeline-intro = Every position on this question, oldest first, with the briefing it comes from.
briefings-on-question = Briefings on this question
questions-lede = The questions our briefings track: where each actor stands on them, and how many positions each has drawn.
stance-map = Stance map
stance-map-intro = Each cell is an actor's latest stance on a question, dated and linked to its source. <span class="change-mark">was …</span> marks a stance that changed over time.
stance-map-cut = The map shows the { $columns } questions with the most positions (of { $questions }) and the { $rows } actors most involved in them (of { $actors }); each question's page lists everyone.
filter-actors = Actors
filter-all-kinds = All kinds
filter-topic = Topic
filter-all-topics = All topics
map-source = , source: { $title }
was-stance = was { $stance }
no-position = No position
all-questions = All questions
no-questions-yet = No questions yet. Add one under <code>content/questions/</code>.
stances-on = Where they stand on { $question }
more-on-question = { $n } more on the question’s page

## Topics, authors, sources, corrections, archives

no-briefings-on-topic = No briefings on this topic yet.
no-topics-yet = No topics yet. Give a briefing <code>topics: [some-topic]</code>.
elsewhere = Elsewhere
no-briefings-by = No briefings by { $name } yet.
sources-lede = All { count-sources } cited on this site, by publisher. Each publisher's page lists its sources and the briefings that cite them.
publisher-not-named = Publisher not named
no-sources-yet = No sources yet.
read-the-source = Read the source
positions-resting = Positions resting on it
no-position-rests = No position on this page rests on it.
briefings-citing = Briefings citing it
no-briefing-cites = No briefing on this page cites it.
publisher-lede = { count-sources } cited on this site.
cited-in = Cited in
corrections-lede = Every correction made to these briefings after publication, newest first.
briefings-lede = All { count-briefings }, newest first.
by-year-and-month = By year and month
no-briefings = No briefings yet.
year-lede = { count-briefings } published in { $year }, newest first.

## Pagination

pager = Pages of this list
pager-status = Page { $number } of { $total }
pager-showing = showing { $range } of { $count }
pager-first = « First
pager-previous = ‹ Previous
pager-next = Next ›
pager-last = Last »
pager-page = Page { $n }
pager-this-page = Page { $n }, this page

## Other pages

not-found = Page not found
not-found-lede = There is no page at this address. It may have moved, or the link may be mistyped.
not-found-links = <a href="{ $home }">Go to the home page</a>, or browse <a href="{ $briefings }">all briefings</a> and <a href="{ $actors }">all actors</a>.
search-lede = Every briefing, actor, question and topic on { $site }.
search-words = Words to find
search-any = Any
search-needs-script = Search needs JavaScript; the rest of the site works without it.
removed = This page was removed
removed-links = <a href="{ $home }">Go to the front page</a>.
removed-links-search = <a href="{ $home }">Go to the front page</a> or <a href="{ $search }">search the site</a>.
moved-to = Moved to { $url }
now-at = This page is now at <a href="{ $url }">{ $canonical }</a>.

## What <head> says: titles and descriptions (plain text, no HTML)

title-page-of = Page { $n }: { $title }
title-year = Briefings of { $year }
title-removed = Page removed
description-authors = Who writes { $site }.
description-author = Briefings by { $name } on { $site }.
description-question = Who stands where on: { $title }
description-topic = Briefings on { $title }.
description-source = Every briefing and position on { $site } citing { $title }.
description-source-by = Every briefing and position on { $site } citing { $title } ({ $publisher }).
description-publisher = Sources from { $name } cited on { $site }.
description-corrections = Every correction made to { $site }, newest first.
description-search = Search { $site }.
search-type = Type

## Said by site.js (`{n}` in its forms stands for a count it makes)

search-loading = Loading the search index…
search-failed = The search index could not be loaded. Search works when the site is served over HTTP.
search-prompt = Type a word to search, or pick a filter.
search-none = No results.
search-count = { $n ->
    [one] { $n } result.
   *[other] { $n } results.
}
search-count-first = { $n ->
    [one] { $n } result, first { $shown } shown.
   *[other] { $n } results, first { $shown } shown.
}

## Languages (sites in several)

# The language switcher's label.
languages-nav = Languages
# Atop a page shown in the default language for want of a translation.
fallback-note = This page has not been translated yet: it is shown in its original language ({ $original }).
# Before the words as said, beside their translation.
quote-translated = Our translation. As said:
