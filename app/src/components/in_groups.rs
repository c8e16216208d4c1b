//! Long lists drawn in groups: the first group with the page, each further group in a task of
//! its own after it, so that building a long list (50 results, every topic with its life
//! situations) neither holds the first screen nor blocks the browser for long on a slow phone.

use leptos::prelude::*;
use std::time::Duration;

/// `items` as views made by `item`, `at_once` of them drawn at once and the rest group by
/// group in later tasks (each group drawn once: a drawn group is never redrawn).
pub fn in_groups<T, V>(
    items: Vec<T>,
    at_once: usize,
    item: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let groups: Vec<Vec<T>> = items.chunks(at_once.max(1)).map(<[T]>::to_vec).collect();
    let shown = RwSignal::new(1);
    show_next_group(shown, groups.len());
    groups
        .into_iter()
        .enumerate()
        .map(|(i, group)| {
            // The memo changes once, when the group's turn comes.
            let visible = Memo::new(move |_| shown.get() > i);
            let group = StoredValue::new(group);
            let item = item.clone();
            move || {
                visible.get().then(|| {
                    group
                        .get_value()
                        .into_iter()
                        .map(item.clone())
                        .collect_view()
                })
            }
        })
        .collect_view()
}

/// Shows one more group in a task of its own, until all `groups` are shown; stops when the
/// list is gone (its signal disposed).
fn show_next_group(shown: RwSignal<usize>, groups: usize) {
    if shown.try_get_untracked().is_some_and(|n| n < groups) {
        set_timeout(
            move || {
                if shown.try_update(|n| *n += 1).is_some() {
                    show_next_group(shown, groups);
                }
            },
            Duration::ZERO,
        );
    }
}
