//! The fee table as the check page and the receipt page draw it: a caption for screen
//! readers, one row a fee line, the total in the footer. The lines, their names and the
//! total's label come from [`contract::display::fee_table`], as on the PDF and in the e-mail.

use crate::i18n::lang_attr;
use contract::Lang;
use contract::display::FeeTable;
use contract::texts::Texts;
use leptos::prelude::*;

/// The table of `table`, in `lang`.
pub fn fee_table(
    t: &'static Texts,
    caption: &'static str,
    table: FeeTable,
    lang: Lang,
) -> impl IntoView {
    let rows = table
        .rows
        .into_iter()
        .map(|row| {
            let reason = row.reason.map(|(text, l)| {
                view! { <br/><span class="meta" lang=lang_attr(l, lang)>{text}</span> }
            });
            view! {
                <tr>
                    <th scope="row">
                        <span lang=lang_attr(row.label_lang, lang)>{row.label}</span>
                        {reason}
                    </th>
                    <td class="amount">{row.amount}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="fee-table">
            <caption class="visually-hidden">{caption}</caption>
            <thead>
                <tr><th scope="col">{t.fee_item}</th><th scope="col" class="amount">{t.fee_amount}</th></tr>
            </thead>
            <tbody>{rows}</tbody>
            <tfoot>
                <tr><th scope="row">{table.total_label}</th><td class="amount">{table.total}</td></tr>
            </tfoot>
        </table>
    }
}
