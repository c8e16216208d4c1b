//! The fee table as the check page and the receipt page draw it: a caption for screen
//! readers, one row a fee line (the caller builds them: the two pages name items
//! differently), the total in the footer.

use contract::texts::Texts;
use leptos::prelude::*;

/// The table around `rows`; `total` is the formatted sum, `total_label` its row heading.
pub fn fee_table(
    t: &'static Texts,
    caption: &'static str,
    rows: impl IntoView + 'static,
    total_label: &'static str,
    total: String,
) -> impl IntoView {
    view! {
        <table class="fee-table">
            <caption class="visually-hidden">{caption}</caption>
            <thead>
                <tr><th scope="col">{t.fee_item}</th><th scope="col" class="amount">{t.fee_amount}</th></tr>
            </thead>
            <tbody>{rows}</tbody>
            <tfoot>
                <tr><th scope="row">{total_label}</th><td class="amount">{total}</td></tr>
            </tfoot>
        </table>
    }
}
