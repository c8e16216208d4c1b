//! `/<lang>/amt`: the inbox of the clerk's authorities. The filters live in the address
//! (`?status=…&q=…`), so a filtered inbox can be bookmarked and the back button works; the
//! server counts the cases per status, sorts and pages.

use crate::api;
use crate::components::staff_area::{StaffArea, use_staff};
use crate::drafts;
use crate::i18n::{use_lang, use_staff_texts, use_texts};
use crate::paths::{StaffPage, case_path, query_string, staff_path};
use contract::cases::{Inbox, InboxSort, QUERY_MIN};
use contract::payment::{PaymentState, PaymentTexts};
use contract::submission::Status;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

/// The filters the inbox reads from its address.
const KEYS: [&str; 9] = [
    "status", "form", "assignee", "payment", "from", "to", "q", "sort", "page",
];

/// `/:lang/amt`
#[component]
pub fn InboxPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <StaffArea here=Signal::derive(move || staff_path(lang.get(), StaffPage::Inbox))>
            <InboxView/>
        </StaffArea>
    }
}

#[component]
fn InboxView() -> impl IntoView {
    let staff = use_staff();
    let st = use_staff_texts();
    let t = use_texts();
    let lang = use_lang();
    let query = use_query_map();
    let navigate = use_navigate();
    let param = move |k: &str| query.with(|q| q.get(k).filter(|v| !v.is_empty()));
    // The address's filters, as the query string of the API call and of links.
    let filters = move |overrides: &[(&str, Option<String>)]| {
        let pairs: Vec<(&str, Option<String>)> = KEYS
            .iter()
            .map(|k| {
                let v = overrides
                    .iter()
                    .find(|(o, _)| o == k)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_else(|| param(k));
                (*k, v)
            })
            .collect();
        query_string(pairs.iter().map(|(k, v)| (*k, v.as_deref())))
    };
    let inbox = RwSignal::new(None::<Result<Inbox, String>>);
    Effect::new(move || {
        let q = filters(&[]);
        spawn_local(async move {
            let answer = api::inbox(&q)
                .await
                .map_err(|e| e.message(t.get_untracked()).to_owned());
            inbox.try_set(Some(answer));
        });
    });

    // The filter form, filled from the address.
    let search = RwSignal::new(param("q").unwrap_or_default());
    let form = RwSignal::new(param("form").unwrap_or_default());
    let assignee = RwSignal::new(param("assignee").unwrap_or_default());
    let payment = RwSignal::new(param("payment").unwrap_or_default());
    let from = RwSignal::new(param("from").unwrap_or_default());
    let to = RwSignal::new(param("to").unwrap_or_default());
    let sort = RwSignal::new(param("sort").unwrap_or_default());
    let search_error = RwSignal::new(None::<String>);
    let nav = navigate.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = search.get_untracked().trim().chars().count();
        if typed > 0 && typed < QUERY_MIN {
            let lang = lang.get_untracked();
            search_error.set(Some(
                contract::form::ErrorCode::TooShort.message(lang, Some(&QUERY_MIN.to_string())),
            ));
            crate::components::focus::focus_later("inbox-q");
            return;
        }
        search_error.set(None);
        let some = |s: RwSignal<String>| Some(s.get_untracked()).filter(|v| !v.trim().is_empty());
        let q = filters(&[
            ("q", some(search).map(|v| v.trim().to_owned())),
            ("form", some(form)),
            ("assignee", some(assignee)),
            ("payment", some(payment)),
            ("from", some(from)),
            ("to", some(to)),
            ("sort", some(sort)),
            ("page", None),
        ]);
        nav(
            &format!("{}{q}", staff_path(lang.get_untracked(), StaffPage::Inbox)),
            NavigateOptions::default(),
        );
    };

    let tabs = move || {
        let st = st.get();
        let lang = lang.get();
        let current = param("status");
        let counts = inbox.with(|i| match i {
            Some(Ok(i)) => i.counts.clone(),
            _ => Vec::new(),
        });
        let all: u64 = counts.iter().map(|c| c.count).sum();
        let tab = |label: String, code: Option<&str>, n: u64| {
            let href = format!(
                "{}{}",
                staff_path(lang, StaffPage::Inbox),
                filters(&[("status", code.map(str::to_owned)), ("page", None)])
            );
            let here = current.as_deref() == code;
            view! {
                <li>
                    <a href=href aria-current=here.then_some("page") class:tab-current=here>
                        {label}" "<span class="count">{n}</span>
                    </a>
                </li>
            }
        };
        let mut items = vec![tab(st.all_statuses.to_owned(), None, all).into_any()];
        for c in counts {
            items.push(
                tab(
                    (st.status_name)(c.status).to_owned(),
                    Some(c.status.code()),
                    c.count,
                )
                .into_any(),
            );
        }
        view! {
            <nav aria-label=st.status_label class="status-tabs">
                <ul>{items}</ul>
            </nav>
        }
    };

    let form_options = move || {
        let forms = inbox.with(|i| match i {
            Some(Ok(i)) => i.forms.clone(),
            _ => Vec::new(),
        });
        forms
            .into_iter()
            .map(|f| {
                let selected = form.get_untracked() == f.id;
                view! { <option value=f.id.clone() selected=selected>{f.title}</option> }
            })
            .collect_view()
    };
    let sort_options = move || {
        let st = st.get();
        InboxSort::ALL
            .iter()
            .map(|s| {
                let label = match s {
                    InboxSort::Oldest => st.sort_oldest,
                    InboxSort::Newest => st.sort_newest,
                    InboxSort::Changed => st.sort_changed,
                };
                let selected = sort.get_untracked() == s.code()
                    || (sort.get_untracked().is_empty() && *s == InboxSort::Oldest);
                view! { <option value=s.code() selected=selected>{label}</option> }
            })
            .collect_view()
    };

    let table = move || {
        let st = st.get();
        let lang = lang.get();
        match inbox.get() {
            None => view! { <p role="status">{t.get().loading}</p> }.into_any(),
            Some(Err(message)) => {
                view! { <p class="error-message" role="alert">{message}</p> }.into_any()
            }
            Some(Ok(i)) if i.cases.is_empty() => {
                // Nobody's cases to see: say why rather than show an empty inbox.
                let roles = staff
                    .member
                    .get_untracked()
                    .flatten()
                    .map(|m| m.authorities);
                let works_somewhere = roles
                    .as_ref()
                    .is_some_and(|r| r.iter().any(|a| a.id != "*"));
                let portal = roles
                    .as_ref()
                    .is_some_and(|r| r.iter().any(|a| a.id == "*"));
                let text = match (works_somewhere, portal) {
                    (true, _) => st.no_cases,
                    (false, true) => st.portal_only,
                    (false, false) => st.no_authority,
                };
                view! { <p class:lead=!works_somewhere>{text}</p> }.into_any()
            }
            Some(Ok(i)) => {
                let rows = i
                    .cases
                    .iter()
                    .map(|c| {
                        let href = case_path(lang, &c.reference);
                        let assignee = c
                            .assignee
                            .as_ref()
                            .map(|a| a.name.clone())
                            .unwrap_or_else(|| "–".into());
                        view! {
                            <tr>
                                <th scope="row"><a href=href class="reference">{c.reference.clone()}</a></th>
                                <td>{c.applicant.clone().unwrap_or_else(|| c.email.clone().unwrap_or_default())}</td>
                                <td>{c.form_title.clone()}</td>
                                <td>{drafts::display_time(&c.received_at, lang)}</td>
                                <td><span class=format!("status status-{}", c.status.code())>{(st.status_name)(c.status)}</span>
                                    {c.payment.map(|p| view! { <br/><span class="meta">{PaymentTexts::get(lang).filter_label}": "{PaymentTexts::get(lang).state_name(p)}</span> })}</td>
                                <td>{assignee}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                let pages = i.total.div_ceil(u64::from(i.per_page)).max(1) as u32;
                let page = i.page;
                let link = move |p: u32| {
                    format!(
                        "{}{}",
                        staff_path(lang, StaffPage::Inbox),
                        filters(&[("page", (p > 1).then(|| p.to_string()))])
                    )
                };
                view! {
                    <div class="table-scroll" role="region" tabindex="0" aria-labelledby="inbox-results">
                        <table class="case-table">
                            <caption id="inbox-results">{(st.results)(i.total)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{st.col_reference}</th>
                                    <th scope="col">{st.col_applicant}</th>
                                    <th scope="col">{st.col_service}</th>
                                    <th scope="col">{st.col_received}</th>
                                    <th scope="col">{st.col_status}</th>
                                    <th scope="col">{st.col_assignee}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                    {(pages > 1).then(|| view! {
                        <nav class="pagination" aria-label=st.pagination>
                            {(page > 1).then(|| view! { <a href=link(page - 1) rel="prev">{st.previous}</a> })}
                            <span>{(st.page_of)(page, pages)}</span>
                            {(page < pages).then(|| view! { <a href=link(page + 1) rel="next">{st.next}</a> })}
                        </nav>
                    })}
                }
                .into_any()
            }
        }
    };

    let status_of = move || param("status").and_then(|s| Status::from_code(&s));
    view! {
        <Title text=move || t.get().title(st.get().inbox_heading)/>
        <h1>
            {move || st.get().inbox_heading}
            {move || status_of().map(|s| view! { <span class="meta">" – "{(st.get().status_name)(s)}</span> })}
        </h1>
        {tabs}
        <form class="inbox-filters" role="search" novalidate on:submit=on_submit>
            <fieldset>
                <legend>{move || st.get().filters_legend}</legend>
                <div class="field" class:field-error=move || search_error.with(Option::is_some)>
                    <label for="inbox-q">{move || st.get().search_label}</label>
                    <p class="hint" id="inbox-q-hint">{move || st.get().search_hint}</p>
                    {move || search_error.get().map(|m| view! {
                        <p class="error-message" id="inbox-q-error" role="alert">
                            <span class="visually-hidden">{t.get().error_prefix}</span>{m}
                        </p>
                    })}
                    <input id="inbox-q" class="input" type="search" name="q"
                        aria-describedby=move || if search_error.with(Option::is_some) { "inbox-q-hint inbox-q-error" } else { "inbox-q-hint" }
                        aria-invalid=move || search_error.with(Option::is_some).then_some("true")
                        prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev))/>
                </div>
                <div class="filter-row">
                    <div class="field">
                        <label for="inbox-form">{move || st.get().form_label}</label>
                        <select id="inbox-form" class="input" on:change=move |ev| form.set(event_target_value(&ev))>
                            <option value="">{move || st.get().all_forms}</option>
                            {form_options}
                        </select>
                    </div>
                    <div class="field">
                        <label for="inbox-assignee">{move || st.get().assignee_label}</label>
                        <select id="inbox-assignee" class="input" on:change=move |ev| assignee.set(event_target_value(&ev))>
                            <option value="" selected=move || assignee.get_untracked().is_empty()>{move || st.get().anyone}</option>
                            <option value="me" selected=move || assignee.get_untracked() == "me">{move || st.get().assigned_to_me}</option>
                            <option value="none" selected=move || assignee.get_untracked() == "none">{move || st.get().assigned_to_nobody}</option>
                        </select>
                    </div>
                    <div class="field">
                        <label for="inbox-payment">{move || PaymentTexts::get(lang.get()).filter_label}</label>
                        <select id="inbox-payment" class="input" on:change=move |ev| payment.set(event_target_value(&ev))>
                            <option value="" selected=move || payment.get_untracked().is_empty()>{move || PaymentTexts::get(lang.get()).filter_any}</option>
                            {[PaymentState::Awaiting, PaymentState::Open, PaymentState::Paid, PaymentState::Refunded].into_iter().map(|state| view! {
                                <option value=state.code() selected=move || payment.get_untracked() == state.code()>
                                    {move || PaymentTexts::get(lang.get()).state_name(state)}
                                </option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="inbox-from">{move || st.get().from_label}</label>
                        <input id="inbox-from" class="input" type="date" prop:value=move || from.get()
                            on:input=move |ev| from.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="inbox-to">{move || st.get().to_label}</label>
                        <input id="inbox-to" class="input" type="date" prop:value=move || to.get()
                            on:input=move |ev| to.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="inbox-sort">{move || st.get().sort_label}</label>
                        <select id="inbox-sort" class="input" on:change=move |ev| sort.set(event_target_value(&ev))>
                            {sort_options}
                        </select>
                    </div>
                </div>
                <div class="button-row">
                    <button type="submit" class="button-primary">{move || st.get().apply_filters}</button>
                    <a href=move || staff_path(lang.get(), StaffPage::Inbox)>{move || st.get().reset_filters}</a>
                </div>
            </fieldset>
        </form>
        {table}
    }
}
