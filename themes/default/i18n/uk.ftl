# Слова інтерфейсу українською (правила див. в en.ftl).

## Dates

month-1 = Січень
month-2 = Лютий
month-3 = Березень
month-4 = Квітень
month-5 = Травень
month-6 = Червень
month-7 = Липень
month-8 = Серпень
month-9 = Вересень
month-10 = Жовтень
month-11 = Листопад
month-12 = Грудень
month-1-of-day = січня
month-2-of-day = лютого
month-3-of-day = березня
month-4-of-day = квітня
month-5-of-day = травня
month-6-of-day = червня
month-7-of-day = липня
month-8-of-day = серпня
month-9-of-day = вересня
month-10-of-day = жовтня
month-11-of-day = листопада
month-12-of-day = грудня
date = { $day } { $month } { $year }
month-of-year = { $month } { $year }

## Counts

count-briefings = { $n ->
    [one] { $n } брифінг
    [few] { $n } брифінги
   *[many] { $n } брифінгів
}
count-positions = { $n ->
    [one] { $n } позиція
    [few] { $n } позиції
   *[many] { $n } позицій
}
count-sources = { $n ->
    [one] { $n } джерело
    [few] { $n } джерела
   *[many] { $n } джерел
}
count-publishers = { $n ->
    [one] { $n } видавець
    [few] { $n } видавці
   *[many] { $n } видавців
}
count-actors = { $n ->
    [one] { $n } учасник
    [few] { $n } учасники
   *[many] { $n } учасників
}
count-questions = { $n ->
    [one] { $n } питання
    [few] { $n } питання
   *[many] { $n } питань
}
count-topics = { $n ->
    [one] { $n } тема
    [few] { $n } теми
   *[many] { $n } тем
}
count-authors = { $n ->
    [one] { $n } автор
    [few] { $n } автори
   *[many] { $n } авторів
}
count-corrections = { $n ->
    [one] { $n } виправлення
    [few] { $n } виправлення
   *[many] { $n } виправлень
}
count-pages = { $n ->
    [one] { $n } сторінка
    [few] { $n } сторінки
   *[many] { $n } сторінок
}
list-and = і

## Stances, kinds of actors and sources

stance-supports = Підтримує
stance-opposes = Проти
stance-conditional = За умов
stance-neutral = Нейтрально
stance-unclear = Неясно
kind-person = Особа
kind-state = Держава
kind-institution = Інституція
kind-organization = Організація
kind-group = Група
kinds-person = Особи
kinds-state = Держави
kinds-institution = Інституції
kinds-organization = Організації
kinds-group = Групи
kinds-other = Інші
kind-other = Інше
source-kind-primary = першоджерело
source-kind-news = новини
source-kind-analysis = аналітика
source-kind-data = дані
sourcing-primary = { $n ->
    [one] { $n } первинний документ
    [few] { $n } первинні документи
   *[many] { $n } первинних документів
}
sourcing-news = { $n ->
    [one] { $n } новинний матеріал
    [few] { $n } новинні матеріали
   *[many] { $n } новинних матеріалів
}
sourcing-analysis = { $n ->
    [one] { $n } аналітичний матеріал
    [few] { $n } аналітичні матеріали
   *[many] { $n } аналітичних матеріалів
}
sourcing-data = { $n ->
    [one] { $n } набір даних
    [few] { $n } набори даних
   *[many] { $n } наборів даних
}

## Sections and their pages

section-briefings = Брифінги
section-actors = Учасники
section-questions = Питання
section-topics = Теми
section-sources = Джерела
section-authors = Автори
section-corrections = Виправлення
section-search = Пошук
page-briefing = Брифінг
page-actor = Учасник
page-question = Питання
page-topic = Тема
page-page = Сторінка
page-author = Автор
page-source = Джерело
page-publisher = Видавець

## Every page

skip-to-content = Перейти до змісту
nav-sections = Розділи
search = Пошук
search-placeholder = Пошук  /
footer-note = Кожна позиція на цьому сайті посилається на своє джерело. Зроблено з dossier.

## Home page

latest-briefings = Нові брифінги
latest = Головне
all-briefings = Усі брифінги
also-in-briefings = Також у брифінгах
no-briefings-yet = Брифінгів ще немає. Додайте перший у <code>content/briefings/</code>.
open-questions = Відкриті питання
most-active-actors = Найактивніші учасники
most-active = Найактивніші

## Briefings

notice-scheduled = <strong>Заплановано:</strong> цей брифінг вийде { $date }; це попередній перегляд.
notice-archived = <strong>В архіві:</strong> цей брифінг не оновлюється з { $date }.
corrections-heading = { $n ->
    [one] Виправлення
   *[other] Виправлення
}
every-correction = Усі виправлення на сайті
updated-on = Оновлено { $date }
status-developing = Триває
status-developing-story = Подія триває
status-settled = Вирішено
key-actors = Ключові учасники
also-mentioned = Також згадано
where-they-stand = Хто яку позицію займає
column-actor = Учасник
column-question = Питання
column-stance = Позиція
column-said = Що сказали
column-sources = Джерела
column-latest-stance = Остання позиція
column-since = Відколи
column-changed = Змінилася?
column-source = Джерело
yes = Так
no = Ні
no-question = Загалом
timeline-of-positions = Хронологія позицій
on-question = щодо { $question }
sources = Джерела
sourcing-by-kind = { count-sources }: { $kinds }
sourcing-unstated = { $n } без зазначеного типу
sourcing-publishers = ; від { $n ->
    [one] { $n } видавця
   *[other] { $n } видавців
}
archived-copy = Архівна копія
accessed-later = переглянуто { $date }
accessed = Переглянуто { $date }
accessed-parenthesis = (переглянуто { $date })
cited-elsewhere = Де ще на нього посилаються
back-to-citation = Назад до посилання { $n }
updates = Оновлення
related-briefings = Пов’язані брифінги
linked-from = На нього посилаються
contents = Зміст
byline = { $n ->
    [one] Автор:
   *[other] Автори:
}
changed-from = Раніше: { $stance }
corrected-on = Виправлено { $date }:
in-briefing = У брифінгу { $briefing }
feed-correction = Виправлення: { $title }

## Actors

also-called = Інші назви: { $names }
positions = Позиції
other-positions = Інші позиції
latest-stance = Остання:
stance-changed = Позиція змінювалася з часом
no-positions-yet = Позицій ще не зафіксовано.
network = Зв’язки
network-of = Учасники, пов’язані з { $name }
network-of-site = Мережа учасників
briefings = Брифінги
no-briefings-involved = Ще не фігурує в жодному брифінгу.
mentioned-in = Згадується в
affiliated-with = Належить до
affiliated-actors = Пов’язані учасники
appears-with = Найчастіше поруч із
reference-pages = Довідкові сторінки
actors-lede = Особи, держави, інституції та організації ({ $n }) — і позиція кожного з них.
network-intro = Хто з ким пов’язаний. Сторінка кожного учасника показує його найближчі зв’язки.
network-intro-top = Хто з ким пов’язаний: учасники, яких найчастіше згадують у брифінгах ({ $n }). Сторінка кожного учасника показує його найближчі зв’язки.
no-actors-yet = Учасників ще немає. Додайте першого в <code>content/actors/</code>.
network-legend = Суцільні лінії зі стрілкою: належність (у бік організації). Пунктирні лінії: згадані в тих самих брифінгах (товщі — частіше). Фігури: коло — особа; квадрат — держава; п’ятикутник — інституція; ромб — організація; трикутник — група.
network-as-list = Зв’язки списком
network-affiliated = належність
network-together = { count-briefings } разом

## Questions

only-one-side = Поки що лише одна сторона.
no-position-on-question = Жоден учасник ще не висловив позиції щодо цього питання.
timeline = Хронологія
timeline-intro = Усі позиції щодо цього питання, від найдавнішої, з брифінгом, з якого вони походять.
briefings-on-question = Брифінги з цього питання
questions-lede = Питання, за якими стежать наші брифінги: хто яку позицію займає і скільки позицій зібрало кожне.
stance-map = Карта позицій
stance-map-intro = Кожна клітинка — остання позиція учасника щодо питання, з датою та посиланням на джерело. <span class="change-mark">раніше …</span> позначає позицію, що змінилася.
stance-map-cut = Карта показує питання з найбільшою кількістю позицій ({ $columns } з { $questions }) і найбільш залучених до них учасників ({ $rows } з { $actors }); на сторінці кожного питання — усі.
filter-actors = Учасники
filter-all-kinds = Усі типи
filter-topic = Тема
filter-all-topics = Усі теми
map-source = , джерело: { $title }
was-stance = раніше: { $stance }
no-position = Немає позиції
all-questions = Усі питання
no-questions-yet = Питань ще немає. Додайте перше в <code>content/questions/</code>.
stances-on = Хто яку позицію займає щодо { $question }
more-on-question = Ще { $n } — на сторінці питання

## Topics, authors, sources, corrections, archives

no-briefings-on-topic = Брифінгів на цю тему ще немає.
no-topics-yet = Тем ще немає. Додайте брифінгу <code>topics: [some-topic]</code>.
elsewhere = Деінде
no-briefings-by = { $name } ще не має брифінгів.
sources-lede = Усі джерела, на які посилається сайт ({ $n }), за видавцями. Сторінка кожного видавця показує його джерела та брифінги, що на них посилаються.
publisher-not-named = Видавця не вказано
no-sources-yet = Джерел ще немає.
read-the-source = Читати джерело
positions-resting = Позиції, що на ньому ґрунтуються
no-position-rests = Жодна позиція на цій сторінці на ньому не ґрунтується.
briefings-citing = Брифінги, що на нього посилаються
no-briefing-cites = Жоден брифінг на цій сторінці на нього не посилається.
publisher-lede = На сайті цитується { count-sources }.
cited-in = Цитується в
corrections-lede = Усі виправлення цих брифінгів після публікації, від найновіших.
briefings-lede = Усі брифінги ({ $n }), від найновіших.
by-year-and-month = За роками й місяцями
no-briefings = Брифінгів ще немає.
year-lede = { count-briefings } за { $year } рік, від найновіших.

## Pagination

pager = Сторінки цього списку
pager-status = Сторінка { $number } з { $total }
pager-showing = { $range } з { $count }
pager-first = « Перша
pager-previous = ‹ Попередня
pager-next = Наступна ›
pager-last = Остання »
pager-page = Сторінка { $n }
pager-this-page = Сторінка { $n }, поточна

## Other pages

not-found = Сторінку не знайдено
not-found-lede = За цією адресою сторінки немає. Можливо, її перенесли або в посиланні помилка.
not-found-links = <a href="{ $home }">Перейти на головну</a> або переглянути <a href="{ $briefings }">усі брифінги</a> та <a href="{ $actors }">усіх учасників</a>.
search-lede = Усі брифінги, учасники, питання й теми сайту { $site }.
search-words = Що шукати
search-any = Будь-що
search-needs-script = Пошук потребує JavaScript; решта сайту працює без нього.
removed = Цю сторінку вилучено
removed-links = <a href="{ $home }">Перейти на головну</a>.
removed-links-search = <a href="{ $home }">Перейти на головну</a> або <a href="{ $search }">пошукати на сайті</a>.
moved-to = Перенесено на { $url }
now-at = Ця сторінка тепер за адресою <a href="{ $url }">{ $canonical }</a>.

## What <head> says: titles and descriptions (plain text, no HTML)

title-page-of = Сторінка { $n }: { $title }
title-year = Брифінги за { $year } рік
title-removed = Сторінку вилучено
description-authors = Хто пише для { $site }.
description-author = Брифінги автора { $name } на { $site }.
description-question = Хто яку позицію займає щодо: { $title }
description-topic = Брифінги на тему { $title }.
description-source = Усі брифінги й позиції на { $site }, що посилаються на { $title }.
description-source-by = Усі брифінги й позиції на { $site }, що посилаються на { $title } ({ $publisher }).
description-publisher = Джерела від { $name }, на які посилається { $site }.
description-corrections = Усі виправлення на { $site }, від найновіших.
description-search = Пошук на { $site }.
search-type = Тип

## Said by site.js (`{n}` in its forms stands for a count it makes)

search-loading = Завантаження пошукового індексу…
search-failed = Не вдалося завантажити пошуковий індекс. Пошук працює, коли сайт відкрито через HTTP.
search-prompt = Введіть слово або оберіть фільтр.
search-none = Нічого не знайдено.
search-count = { $n ->
    [one] { $n } результат.
    [few] { $n } результати.
   *[many] { $n } результатів.
}
search-count-first = { $n ->
    [one] { $n } результат, показано перші { $shown }.
    [few] { $n } результати, показано перші { $shown }.
   *[many] { $n } результатів, показано перші { $shown }.
}

## Languages (sites in several)

languages-nav = Мови
fallback-note = Цю сторінку ще не перекладено: її показано мовою оригіналу ({ $original }).
quote-translated = Наш переклад. Дослівно:
