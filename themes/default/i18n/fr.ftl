# Les mots de l’interface en français (voir en.ftl pour les règles).

## Dates

month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
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
date = { $day ->
    [1] 1er
   *[other] { $day }
} { $month } { $year }
month-of-year = { $month } { $year }

## Counts

count-briefings = { $n ->
    [one] { $n } dossier
   *[other] { $n } dossiers
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
    [one] { $n } éditeur
   *[other] { $n } éditeurs
}
count-actors = { $n ->
    [one] { $n } acteur
   *[other] { $n } acteurs
}
count-questions = { $n ->
    [one] { $n } question
   *[other] { $n } questions
}
count-topics = { $n ->
    [one] { $n } thème
   *[other] { $n } thèmes
}
count-authors = { $n ->
    [one] { $n } auteur
   *[other] { $n } auteurs
}
count-corrections = { $n ->
    [one] { $n } correction
   *[other] { $n } corrections
}
count-pages = { $n ->
    [one] { $n } page
   *[other] { $n } pages
}
list-and = et

## Stances, kinds of actors and sources

stance-supports = Pour
stance-opposes = Contre
stance-conditional = Sous conditions
stance-neutral = Neutre
stance-unclear = Incertain
kind-person = Personne
kind-state = État
kind-institution = Institution
kind-organization = Organisation
kind-group = Groupe
kinds-person = Personnes
kinds-state = États
kinds-institution = Institutions
kinds-organization = Organisations
kinds-group = Groupes
kinds-other = Autres
kind-other = Autre
source-kind-primary = primaire
source-kind-news = presse
source-kind-analysis = analyse
source-kind-data = données
sourcing-primary = { $n ->
    [one] { $n } document primaire
   *[other] { $n } documents primaires
}
sourcing-news = { $n ->
    [one] { $n } article de presse
   *[other] { $n } articles de presse
}
sourcing-analysis = { $n ->
    [one] { $n } analyse
   *[other] { $n } analyses
}
sourcing-data = { $n ->
    [one] { $n } jeu de données
   *[other] { $n } jeux de données
}

## Sections and their pages

section-briefings = Dossiers
section-actors = Acteurs
section-questions = Questions
section-topics = Thèmes
section-sources = Sources
section-authors = Auteurs
section-corrections = Corrections
section-search = Recherche
page-briefing = Dossier
page-actor = Acteur
page-question = Question
page-topic = Thème
page-page = Page
page-author = Auteur
page-source = Source
page-publisher = Éditeur

## Every page

skip-to-content = Aller au contenu
nav-sections = Rubriques
search = Rechercher
search-placeholder = Rechercher  /
footer-note = Chaque position sur ce site renvoie à la source qui l’établit. Construit avec dossier.

## Home page

latest-briefings = Derniers dossiers
latest = À la une
all-briefings = Tous les dossiers
also-in-briefings = Aussi dans les dossiers
no-briefings-yet = Aucun dossier pour l’instant. Ajoutez-en un dans <code>content/briefings/</code>.
open-questions = Questions ouvertes
most-active-actors = Acteurs les plus présents
most-active = Les plus présents

## Briefings

notice-scheduled = <strong>Programmé :</strong> ce dossier paraîtra le { $date } ; ceci est un aperçu.
notice-archived = <strong>Archivé :</strong> ce dossier n’est plus tenu à jour depuis le { $date }.
corrections-heading = { $n ->
    [one] Correction
   *[other] Corrections
}
every-correction = Toutes les corrections du site
updated-on = Mis à jour le { $date }
status-developing = En cours
status-developing-story = Sujet en cours
status-settled = Tranché
key-actors = Acteurs clés
also-mentioned = Également cités
where-they-stand = Qui pense quoi
column-actor = Acteur
column-question = Question
column-stance = Position
column-said = Ce qu’ils ont dit
column-sources = Sources
column-latest-stance = Dernière position
column-since = Depuis
column-changed = A changé ?
column-source = Source
yes = Oui
no = Non
no-question = Général
timeline-of-positions = Chronologie des positions
on-question = sur { $question }
sources = Sources
sourcing-by-kind = { count-sources } : { $kinds }
sourcing-unstated = { $n } de type non précisé
sourcing-publishers =  ; de { count-publishers }
archived-copy = Copie archivée
accessed-later = consultée le { $date }
accessed = Consultée le { $date }
accessed-parenthesis = (consultée le { $date })
cited-elsewhere = Où elle est citée ailleurs
back-to-citation = Retour à la citation { $n }
updates = Mises à jour
related-briefings = Dossiers liés
linked-from = Cité par
contents = Sommaire
byline = Par
changed-from = Auparavant : { $stance }
corrected-on = Corrigé le { $date } :
in-briefing = Dans { $briefing }
feed-correction = Correction : { $title }

## Actors

also-called = Aussi appelé { $names }
positions = Positions
other-positions = Autres positions
latest-stance = Dernière :
stance-changed = Sa position a changé au fil du temps
no-positions-yet = Aucune position enregistrée pour l’instant.
network = Réseau
network-of = Acteurs liés à { $name }
network-of-site = Le réseau des acteurs
briefings = Dossiers
no-briefings-involved = N’apparaît encore dans aucun dossier.
mentioned-in = Cité dans
affiliated-with = Affilié à
affiliated-actors = Acteurs affiliés
appears-with = Apparaît le plus souvent avec
reference-pages = Pages de référence
actors-lede = { $n } personnes, États, institutions et organisations, et la position de chacun.
network-intro = Qui est lié à qui. La page de chaque acteur montre son propre voisinage.
network-intro-top = Qui est lié à qui : les { $n } acteurs cités dans le plus de dossiers. La page de chaque acteur montre son propre voisinage.
no-actors-yet = Aucun acteur pour l’instant. Ajoutez-en un dans <code>content/actors/</code>.
network-legend = Traits pleins fléchés : affiliation (vers l’organisation). Tirets : cités dans les mêmes dossiers (plus épais : plus souvent). Formes : cercle, personne ; carré, État ; pentagone, institution ; losange, organisation ; triangle, groupe.
network-as-list = Les liens sous forme de liste
network-affiliated = affilié
network-together = { count-briefings } en commun

## Questions

only-one-side = Un seul camp pour l’instant.
no-position-on-question = Aucun acteur n’a encore pris position sur cette question.
timeline = Chronologie
timeline-intro = Toutes les positions sur cette question, des plus anciennes aux plus récentes, avec le dossier d’où elles viennent.
briefings-on-question = Dossiers sur cette question
questions-lede = Les questions que suivent nos dossiers : la position de chaque acteur, et combien de positions chacune a suscitées.
stance-map = Carte des positions
stance-map-intro = Chaque case donne la dernière position d’un acteur sur une question, datée et reliée à sa source. <span class="change-mark">avant : …</span> signale une position qui a changé.
stance-map-cut = La carte montre les { $columns } questions qui comptent le plus de positions (sur { $questions }) et les { $rows } acteurs qui s’y engagent le plus (sur { $actors }) ; la page de chaque question les donne tous.
filter-actors = Acteurs
filter-all-kinds = Tous les types
filter-topic = Thème
filter-all-topics = Tous les thèmes
map-source = , source : { $title }
was-stance = avant : { $stance }
no-position = Aucune position
all-questions = Toutes les questions
no-questions-yet = Aucune question pour l’instant. Ajoutez-en une dans <code>content/questions/</code>.
stances-on = Qui pense quoi sur { $question }
more-on-question = { $n } de plus sur la page de la question

## Topics, authors, sources, corrections, archives

no-briefings-on-topic = Aucun dossier sur ce thème pour l’instant.
no-topics-yet = Aucun thème pour l’instant. Donnez à un dossier <code>topics: [un-theme]</code>.
elsewhere = Ailleurs
no-briefings-by = Aucun dossier de { $name } pour l’instant.
sources-lede = { $n ->
    [one] La seule source citée sur ce site, par éditeur.
   *[other] Les { $n } sources citées sur ce site, par éditeur.
} La page de chaque éditeur donne ses sources et les dossiers qui les citent.
publisher-not-named = Éditeur non précisé
no-sources-yet = Aucune source pour l’instant.
read-the-source = Lire la source
positions-resting = Positions qui s’appuient sur elle
no-position-rests = Aucune position de cette page ne s’appuie sur elle.
briefings-citing = Dossiers qui la citent
no-briefing-cites = Aucun dossier de cette page ne la cite.
publisher-lede = { $n ->
    [one] { $n } source citée sur ce site.
   *[other] { $n } sources citées sur ce site.
}
cited-in = Citée dans
corrections-lede = Toutes les corrections apportées à ces dossiers après publication, des plus récentes aux plus anciennes.
briefings-lede = { $n ->
    [one] Le seul dossier du site.
   *[other] Les { $n } dossiers, du plus récent au plus ancien.
}
by-year-and-month = Par année et par mois
no-briefings = Aucun dossier pour l’instant.
year-lede = { $n ->
    [one] { $n } dossier publié en { $year }.
   *[other] { $n } dossiers publiés en { $year }, du plus récent au plus ancien.
}

## Pagination

pager = Pages de cette liste
pager-status = Page { $number } sur { $total }
pager-showing = { $range } sur { $count }
pager-first = « Première
pager-previous = ‹ Précédente
pager-next = Suivante ›
pager-last = Dernière »
pager-page = Page { $n }
pager-this-page = Page { $n }, page actuelle

## Other pages

not-found = Page introuvable
not-found-lede = Il n’y a pas de page à cette adresse. Elle a peut-être été déplacée, ou le lien contient une faute.
not-found-links = <a href="{ $home }">Aller à l’accueil</a>, ou parcourir <a href="{ $briefings }">tous les dossiers</a> et <a href="{ $actors }">tous les acteurs</a>.
search-lede = Tous les dossiers, acteurs, questions et thèmes de { $site }.
search-words = Mots à chercher
search-any = Tous
search-needs-script = La recherche demande JavaScript ; le reste du site fonctionne sans.
removed = Cette page a été retirée
removed-links = <a href="{ $home }">Aller à la une</a>.
removed-links-search = <a href="{ $home }">Aller à la une</a> ou <a href="{ $search }">chercher sur le site</a>.
moved-to = Déplacée vers { $url }
now-at = Cette page se trouve désormais à <a href="{ $url }">{ $canonical }</a>.

## What <head> says: titles and descriptions (plain text, no HTML)

title-page-of = Page { $n } : { $title }
title-year = Dossiers de { $year }
title-removed = Page retirée
description-authors = Qui écrit { $site }.
description-author = Les dossiers de { $name } sur { $site }.
description-question = Qui pense quoi sur : { $title }
description-topic = Dossiers sur { $title }.
description-source = Tous les dossiers et positions de { $site } qui citent { $title }.
description-source-by = Tous les dossiers et positions de { $site } qui citent { $title } ({ $publisher }).
description-publisher = Les sources de { $name } citées sur { $site }.
description-corrections = Toutes les corrections apportées à { $site }, des plus récentes aux plus anciennes.
description-search = Rechercher sur { $site }.
search-type = Type

## Said by site.js (`{n}` in its forms stands for a count it makes)

search-loading = Chargement de l’index de recherche…
search-failed = L’index de recherche n’a pas pu être chargé. La recherche fonctionne quand le site est servi en HTTP.
search-prompt = Tapez un mot, ou choisissez un filtre.
search-none = Aucun résultat.
search-count = { $n ->
    [one] { $n } résultat.
   *[other] { $n } résultats.
}
search-count-first = { $n ->
    [one] { $n } résultat, les { $shown } premiers affichés.
   *[other] { $n } résultats, les { $shown } premiers affichés.
}

## Languages (sites in several)

languages-nav = Langues
fallback-note = Cette page n’est pas encore traduite : elle s’affiche dans sa langue d’origine ({ $original }).
quote-translated = Notre traduction. Propos d’origine :
