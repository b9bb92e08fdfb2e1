//! `dossier check`: everything a build checks, the editorial notes, and
//! with `--links` the web addresses; nothing written.

use std::sync::Arc;

use crate::{BuildOptions, Diagnostics, linkcheck, load, render_site, resolve};

/// Validates everything and writes nothing.
pub fn check(options: &BuildOptions) -> Diagnostics {
    checked(options, false).0
}

/// [`check`], then asks the web about every source's address and every
/// web link of a body ([`linkcheck`]): the one command that goes online.
/// The links are asked about only when the site has no errors.
pub fn check_links(options: &BuildOptions) -> (Diagnostics, Option<linkcheck::Stats>) {
    checked(options, true)
}

fn checked(options: &BuildOptions, links: bool) -> (Diagnostics, Option<linkcheck::Stats>) {
    let (loaded, mut diags) = load(options);
    let Some((site, content)) = loaded else { return (diags, None) };
    diags.extend(resolve::editorial::check(&site, &content, &site.today()));
    let settings = site.config.link_check.clone();
    let allowed = site.config.editorial.allow.clone();
    let mut diags = match render_site(options, Arc::new(site), diags, &|_: &str, _: &[u8]| Ok(())) {
        Ok((_, _, diags)) | Err(diags) => diags,
    };
    if !links || diags.has_errors() {
        return (diags, None);
    }
    let (found, stats) = linkcheck::check(&options.root, &content, &settings, options.progress.as_deref());
    diags.extend(found);
    (diags.allow(&allowed).sorted(), Some(stats))
}
