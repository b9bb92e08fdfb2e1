# كلمات الواجهة بالعربية (القواعد في en.ftl).

## Dates

month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر
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
    [one] إحاطة واحدة
    [two] إحاطتان
    [few] { $n } إحاطات
   *[other] { $n } إحاطة
}
count-positions = { $n ->
    [one] موقف واحد
    [two] موقفان
    [few] { $n } مواقف
   *[other] { $n } موقفًا
}
count-sources = { $n ->
    [one] مصدر واحد
    [two] مصدران
    [few] { $n } مصادر
   *[other] { $n } مصدرًا
}
count-publishers = { $n ->
    [one] ناشر واحد
    [two] ناشران
    [few] { $n } ناشرين
   *[other] { $n } ناشرًا
}
count-actors = { $n ->
    [one] طرف واحد
    [two] طرفان
    [few] { $n } أطراف
   *[other] { $n } طرفًا
}
count-questions = { $n ->
    [one] قضية واحدة
    [two] قضيتان
    [few] { $n } قضايا
   *[other] { $n } قضية
}
count-topics = { $n ->
    [one] موضوع واحد
    [two] موضوعان
    [few] { $n } مواضيع
   *[other] { $n } موضوعًا
}
count-authors = { $n ->
    [one] كاتب واحد
    [two] كاتبان
    [few] { $n } كتّاب
   *[other] { $n } كاتبًا
}
count-corrections = { $n ->
    [one] تصحيح واحد
    [two] تصحيحان
    [few] { $n } تصحيحات
   *[other] { $n } تصحيحًا
}
count-pages = { $n ->
    [one] صفحة واحدة
    [two] صفحتان
    [few] { $n } صفحات
   *[other] { $n } صفحة
}
list-and = و

## Stances, kinds of actors and sources

stance-supports = يؤيد
stance-opposes = يعارض
stance-conditional = بشروط
stance-neutral = محايد
stance-unclear = غير واضح
kind-person = شخص
kind-state = دولة
kind-institution = مؤسسة
kind-organization = منظمة
kind-group = مجموعة
kinds-person = أشخاص
kinds-state = دول
kinds-institution = مؤسسات
kinds-organization = منظمات
kinds-group = مجموعات
kinds-other = أطراف أخرى
kind-other = أخرى
source-kind-primary = وثيقة أصلية
source-kind-news = خبر
source-kind-analysis = تحليل
source-kind-data = بيانات
sourcing-primary = { $n ->
    [one] وثيقة أصلية واحدة
    [two] وثيقتان أصليتان
    [few] { $n } وثائق أصلية
   *[other] { $n } وثيقة أصلية
}
sourcing-news = { $n ->
    [one] تقرير إخباري واحد
    [two] تقريران إخباريان
    [few] { $n } تقارير إخبارية
   *[other] { $n } تقريرًا إخباريًا
}
sourcing-analysis = { $n ->
    [one] تحليل واحد
    [two] تحليلان
    [few] { $n } تحليلات
   *[other] { $n } تحليلًا
}
sourcing-data = { $n ->
    [one] مجموعة بيانات واحدة
    [two] مجموعتا بيانات
    [few] { $n } مجموعات بيانات
   *[other] { $n } مجموعة بيانات
}

## Sections and their pages

section-briefings = الإحاطات
section-actors = الأطراف
section-questions = القضايا
section-topics = المواضيع
section-sources = المصادر
section-authors = الكتّاب
section-corrections = التصحيحات
section-search = البحث
page-briefing = إحاطة
page-actor = طرف
page-question = قضية
page-topic = موضوع
page-page = صفحة
page-author = كاتب
page-source = مصدر
page-publisher = ناشر

## Every page

skip-to-content = انتقل إلى المحتوى
nav-sections = الأقسام
search = بحث
search-placeholder = ابحث  /
footer-note = كل موقف على هذا الموقع مرتبط بالمصدر الذي يستند إليه. صُنع باستخدام dossier.

## Home page

latest-briefings = أحدث الإحاطات
latest = الأحدث
all-briefings = كل الإحاطات
also-in-briefings = أيضًا في الإحاطات
no-briefings-yet = لا إحاطات بعد. أضف واحدة في <code>content/briefings/</code>.
open-questions = قضايا مفتوحة
most-active-actors = الأطراف الأكثر حضورًا
most-active = الأكثر حضورًا

## Briefings

notice-scheduled = <strong>مجدولة:</strong> تُنشر هذه الإحاطة في { $date }؛ هذه معاينة.
notice-archived = <strong>مؤرشفة:</strong> لم تُحدَّث هذه الإحاطة منذ { $date }.
corrections-heading = { $n ->
    [one] تصحيح
   *[other] تصحيحات
}
every-correction = كل التصحيحات على هذا الموقع
updated-on = حُدّثت في { $date }
status-developing = متطورة
status-developing-story = قصة متطورة
status-settled = محسومة
key-actors = الأطراف الرئيسية
also-mentioned = ذُكر أيضًا
where-they-stand = أين يقف كل طرف
column-actor = الطرف
column-question = القضية
column-stance = الموقف
column-said = ما قالوه
column-sources = المصادر
column-latest-stance = آخر موقف
column-since = منذ
column-changed = تغيّر؟
column-source = المصدر
yes = نعم
no = لا
no-question = عام
timeline-of-positions = التسلسل الزمني للمواقف
on-question = بشأن { $question }
sources = المصادر
sourcing-by-kind = { count-sources }: { $kinds }
sourcing-unstated = { $n } غير محددة النوع
sourcing-publishers = ؛ من { count-publishers }
archived-copy = نسخة مؤرشفة
accessed-later = اطُّلع عليها في { $date }
accessed = اطُّلع عليها في { $date }
accessed-parenthesis = (اطُّلع عليها في { $date })
cited-elsewhere = أين يُستشهد به أيضًا
back-to-citation = العودة إلى الإحالة { $n }
updates = تحديثات
related-briefings = إحاطات ذات صلة
linked-from = تشير إليها
contents = المحتويات
byline = بقلم
changed-from = تغيّر من: { $stance }
corrected-on = صُحّح في { $date }:
in-briefing = في { $briefing }
feed-correction = تصحيح: { $title }

## Actors

also-called = يُعرف أيضًا باسم { $names }
positions = المواقف
other-positions = مواقف أخرى
latest-stance = آخر موقف:
stance-changed = تغيّر الموقف مع الوقت
no-positions-yet = لا مواقف مسجلة بعد.
network = الشبكة
network-of = أطراف مرتبطة بـ{ $name }
network-of-site = شبكة الأطراف
briefings = الإحاطات
no-briefings-involved = لم يرد في أي إحاطة بعد.
mentioned-in = ورد ذكره في
affiliated-with = ينتمي إلى
affiliated-actors = أطراف منتمية
appears-with = يظهر غالبًا مع
reference-pages = صفحات مرجعية
actors-lede = أشخاص ودول ومؤسسات ومنظمات ({ $n })، وموقف كل منها.
network-intro = من يرتبط بمن. تعرض صفحة كل طرف شبكته القريبة.
network-intro-top = من يرتبط بمن: الأطراف الأكثر ذكرًا في الإحاطات ({ $n }). تعرض صفحة كل طرف شبكته القريبة.
no-actors-yet = لا أطراف بعد. أضف واحدًا في <code>content/actors/</code>.
network-legend = الخطوط المتصلة بسهم: انتماء (باتجاه المنظمة). الخطوط المتقطعة: ذُكرا في الإحاطات نفسها (الأسمك: أكثر). الأشكال: دائرة، شخص؛ مربع، دولة؛ مخمس، مؤسسة؛ معين، منظمة؛ مثلث، مجموعة.
network-as-list = الروابط في قائمة
network-affiliated = انتماء
network-together = { count-briefings } معًا

## Questions

only-one-side = طرف واحد فقط حتى الآن.
no-position-on-question = لم يتخذ أي طرف موقفًا من هذه القضية بعد.
timeline = التسلسل الزمني
timeline-intro = كل المواقف من هذه القضية، من الأقدم، مع الإحاطة التي وردت فيها.
briefings-on-question = إحاطات حول هذه القضية
questions-lede = القضايا التي تتابعها إحاطاتنا: أين يقف كل طرف منها، وكم موقفًا أثارت كل قضية.
stance-map = خريطة المواقف
stance-map-intro = كل خانة هي آخر موقف لطرف من قضية، مؤرخًا ومرتبطًا بمصدره. <span class="change-mark">كان …</span> تشير إلى موقف تغيّر مع الوقت.
stance-map-cut = تعرض الخريطة القضايا الأكثر مواقف ({ $columns } من { $questions }) والأطراف الأكثر انخراطًا فيها ({ $rows } من { $actors })؛ وتذكر صفحة كل قضية الجميع.
filter-actors = الأطراف
filter-all-kinds = كل الأنواع
filter-topic = الموضوع
filter-all-topics = كل المواضيع
map-source = ، المصدر: { $title }
was-stance = كان: { $stance }
no-position = لا موقف
all-questions = كل القضايا
no-questions-yet = لا قضايا بعد. أضف واحدة في <code>content/questions/</code>.
stances-on = أين يقف كل طرف من { $question }
more-on-question = { $n } أخرى في صفحة القضية

## Topics, authors, sources, corrections, archives

no-briefings-on-topic = لا إحاطات في هذا الموضوع بعد.
no-topics-yet = لا مواضيع بعد. أعطِ إحاطة <code>topics: [some-topic]</code>.
elsewhere = في أماكن أخرى
no-briefings-by = لا إحاطات بقلم { $name } بعد.
sources-lede = كل المصادر المستشهد بها على هذا الموقع ({ $n })، حسب الناشر. تعرض صفحة كل ناشر مصادره والإحاطات التي تستشهد بها.
publisher-not-named = ناشر غير مذكور
no-sources-yet = لا مصادر بعد.
read-the-source = اقرأ المصدر
positions-resting = مواقف تستند إليه
no-position-rests = لا موقف في هذه الصفحة يستند إليه.
briefings-citing = إحاطات تستشهد به
no-briefing-cites = لا إحاطة في هذه الصفحة تستشهد به.
publisher-lede = { count-sources } مستشهد بها على هذا الموقع.
cited-in = مستشهد به في
corrections-lede = كل التصحيحات التي أُدخلت على هذه الإحاطات بعد نشرها، من الأحدث.
briefings-lede = كل الإحاطات ({ $n })، من الأحدث.
by-year-and-month = حسب السنة والشهر
no-briefings = لا إحاطات بعد.
year-lede = { count-briefings } نُشرت في { $year }، من الأحدث.

## Pagination

pager = صفحات هذه القائمة
pager-status = الصفحة { $number } من { $total }
pager-showing = { $range } من { $count }
pager-first = « الأولى
pager-previous = ‹ السابقة
pager-next = التالية ›
pager-last = الأخيرة »
pager-page = الصفحة { $n }
pager-this-page = الصفحة { $n }، الصفحة الحالية

## Other pages

not-found = الصفحة غير موجودة
not-found-lede = لا توجد صفحة على هذا العنوان. ربما نُقلت، أو في الرابط خطأ.
not-found-links = <a href="{ $home }">انتقل إلى الصفحة الرئيسية</a>، أو تصفح <a href="{ $briefings }">كل الإحاطات</a> و<a href="{ $actors }">كل الأطراف</a>.
search-lede = كل الإحاطات والأطراف والقضايا والمواضيع على { $site }.
search-words = كلمات البحث
search-any = الكل
search-needs-script = يحتاج البحث إلى JavaScript؛ ويعمل باقي الموقع دونه.
removed = أُزيلت هذه الصفحة
removed-links = <a href="{ $home }">انتقل إلى الصفحة الأولى</a>.
removed-links-search = <a href="{ $home }">انتقل إلى الصفحة الأولى</a> أو <a href="{ $search }">ابحث في الموقع</a>.
moved-to = نُقلت إلى { $url }
now-at = هذه الصفحة الآن على <a href="{ $url }">{ $canonical }</a>.

## What <head> says: titles and descriptions (plain text, no HTML)

title-page-of = الصفحة { $n }: { $title }
title-year = إحاطات { $year }
title-removed = صفحة محذوفة
description-authors = من يكتب في { $site }.
description-author = إحاطات بقلم { $name } على { $site }.
description-question = أين يقف كل طرف من: { $title }
description-topic = إحاطات حول { $title }.
description-source = كل الإحاطات والمواقف على { $site } التي تستشهد بـ{ $title }.
description-source-by = كل الإحاطات والمواقف على { $site } التي تستشهد بـ{ $title } ({ $publisher }).
description-publisher = مصادر من { $name } مستشهد بها على { $site }.
description-corrections = كل التصحيحات على { $site }، من الأحدث.
description-search = البحث في { $site }.
search-type = النوع

## Said by site.js (`{n}` in its forms stands for a count it makes)

search-loading = جارٍ تحميل فهرس البحث…
search-failed = تعذّر تحميل فهرس البحث. يعمل البحث عندما يُقدَّم الموقع عبر HTTP.
search-prompt = اكتب كلمة للبحث، أو اختر مرشحًا.
search-none = لا نتائج.
search-count = { $n ->
    [one] نتيجة واحدة.
    [two] نتيجتان.
    [few] { $n } نتائج.
   *[other] { $n } نتيجة.
}
search-count-first = { $n ->
    [few] { $n } نتائج، تُعرض أول { $shown }.
   *[other] { $n } نتيجة، تُعرض أول { $shown }.
}

## Languages (sites in several)

languages-nav = اللغات
fallback-note = لم تُترجم هذه الصفحة بعد، فهي معروضة بلغتها الأصلية ({ $original }).
quote-translated = ترجمتنا. النص الأصلي:
