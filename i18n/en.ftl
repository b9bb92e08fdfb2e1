# This site's own words for the interface, over the built-in English ones
# (every message is in `dossier theme export default`'s i18n/en.ftl).
footer-note = Every position on this site links to the source behind it. Written by the dossier desk, built with dossier.
