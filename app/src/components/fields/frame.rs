//! The frame around one question (GOV.UK's form group), which every input of a step is drawn
//! in: the question as the `<label for>` of its input (after it for a consent's checkbox), as
//! the legend of a fieldset around several inputs, or as the heading of a repeating group; the hint; the error message before
//! the input; and the group marked as in error. The input takes `aria-describedby` (hint and
//! error message), `aria-invalid` and `aria-required` from the frame, so that no input wires
//! them by hand.

use super::context::FieldsCtx;
use crate::application::{error_is_for, error_message};
use crate::i18n::lang_attr;
use contract::Lang;
use contract::form::validate::anchor;
use contract::form::{Field, FieldKind, Localized};
use contract::texts::Texts;
use leptos::either::{Either, EitherOf4};
use leptos::prelude::*;

/// The ids around one input: the input itself (`contract::form::validate::anchor`, where an
/// error's link leads), its hint and its error message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Ids {
    pub(super) input: String,
    pub(super) hint: String,
    pub(super) error: String,
}

impl Ids {
    pub(super) fn new(path: &str) -> Ids {
        let input = anchor(path);
        Ids {
            hint: format!("{input}-hint"),
            error: format!("{input}-error"),
            input,
        }
    }
}

/// What holds the question.
pub(super) enum Around {
    /// One input: the question is its `<label for>`.
    Label,
    /// Several inputs (choices, an address): a fieldset, the question its legend, linked to the
    /// hint and error message itself. `id` where the fieldset is an error's target.
    Fieldset {
        class: &'static str,
        id: Option<String>,
    },
    /// A repeating group: a section headed by the question (its items are fieldsets).
    Section { heading_id: String },
    /// One checkbox (a consent): the question, a statement, is the `<label for>` after the
    /// box; the error message before it, the hint under it.
    Checkbox,
}

/// The text of a question.
enum Question {
    /// From the form, in the page language or the one it falls back to.
    Form(Localized),
    /// The portal's own (the parts of an address).
    Portal(&'static str),
}

/// The frame of one question. Built first, so that the input can take its attributes from it
/// ([`Frame::described_by`], [`Frame::aria_invalid`], [`Frame::aria_required`]), then drawn
/// around the input ([`Frame::view`]).
pub(super) struct Frame {
    /// The ids of the input, its hint and its error message.
    pub(super) ids: Ids,
    /// The message of the question's error while one is shown.
    error: Memo<Option<String>>,
    /// In error also while this holds (files refused before they were uploaded).
    also_invalid: Option<Signal<bool>>,
    question: Question,
    /// Read after the question by screen readers only (the unit of an amount).
    unit: Option<String>,
    required: Option<Memo<bool>>,
    help: Option<Localized>,
    /// The portal's hint where the form has none.
    portal_hint: Option<&'static str>,
    /// What the portal says after the form's hint (a file question's limits).
    hint_after: Option<String>,
    /// The class of the group.
    class: String,
    lang: Lang,
}

impl Frame {
    /// The frame of the form's question `field` at `path`: its label and help text, whether it
    /// must be answered, and its error (for a file question, its files' errors too).
    pub(super) fn question(
        ctx: FieldsCtx,
        field: &Field,
        path: &str,
        required: Memo<bool>,
        lang: Lang,
    ) -> Frame {
        let files = matches!(field.kind, FieldKind::File { .. });
        let mut frame = Frame::new(ctx, path, Question::Form(field.label.clone()), files, lang);
        frame.required = Some(required);
        frame.help = field.help.clone();
        frame
    }

    /// The frame of a part of a question (a line of an address): the portal's label, no hint.
    pub(super) fn part(
        ctx: FieldsCtx,
        path: &str,
        label: &'static str,
        required: Option<Memo<bool>>,
        lang: Lang,
    ) -> Frame {
        let mut frame = Frame::new(ctx, path, Question::Portal(label), false, lang);
        frame.required = required;
        frame
    }

    fn new(ctx: FieldsCtx, path: &str, question: Question, files: bool, lang: Lang) -> Frame {
        let owner = path.to_owned();
        let error = Memo::new(move |_| {
            ctx.errors.with(|es| {
                es.iter()
                    .find(|e| error_is_for(&e.path, &owner, files))
                    .map(|e| error_message(e, lang))
            })
        });
        Frame {
            ids: Ids::new(path),
            error,
            also_invalid: None,
            question,
            unit: None,
            required: None,
            help: None,
            portal_hint: None,
            hint_after: None,
            class: "field".to_owned(),
            lang,
        }
    }

    /// The portal's hint where the form gives none (how an IBAN is written).
    pub(super) fn portal_hint(mut self, hint: Option<&'static str>) -> Frame {
        self.portal_hint = hint;
        self
    }

    /// What the portal says after the form's hint, derived from the field (a file question's
    /// limits), so that the form need not repeat it.
    pub(super) fn hint_after(mut self, text: String) -> Frame {
        self.hint_after = Some(text);
        self
    }

    /// Words a screen reader reads after the question, which others see beside the input
    /// (the currency or unit of an amount).
    pub(super) fn unit(mut self, unit: Option<String>) -> Frame {
        self.unit = unit;
        self
    }

    /// The class of the group (`field` and more).
    pub(super) fn class(mut self, class: String) -> Frame {
        self.class = class;
        self
    }

    /// Marks the question as in error also while `when` holds.
    pub(super) fn invalid_while(mut self, when: Signal<bool>) -> Frame {
        self.also_invalid = Some(when);
        self
    }

    /// Whether the question is shown as in error.
    fn in_error(&self) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
        let (error, also) = (self.error, self.also_invalid);
        move || error.with(Option::is_some) || also.is_some_and(|a| a.get())
    }

    /// `aria-invalid` of the input.
    pub(super) fn aria_invalid(&self) -> impl Fn() -> Option<&'static str> + Copy + 'static {
        let in_error = self.in_error();
        move || in_error().then_some("true")
    }

    /// `aria-required` of the input.
    pub(super) fn aria_required(&self) -> impl Fn() -> Option<&'static str> + Copy + 'static {
        let required = self.required;
        move || required.is_some_and(|r| r.get()).then_some("true")
    }

    /// `aria-describedby` of the input: the hint, and the error message while it is shown.
    pub(super) fn described_by(
        &self,
    ) -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static {
        self.described_by_and(Vec::new)
    }

    /// [`Frame::described_by`] and the ids `more` names (a file question's refusals and its
    /// list of files).
    pub(super) fn described_by_and(
        &self,
        more: impl Fn() -> Vec<String> + Clone + Send + Sync + 'static,
    ) -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static {
        let hint = (self.help.is_some() || self.portal_hint.is_some() || self.hint_after.is_some())
            .then(|| self.ids.hint.clone());
        let (error, error_id) = (self.error, self.ids.error.clone());
        move || {
            let ids: Vec<String> = hint
                .iter()
                .cloned()
                .chain(error.with(Option::is_some).then(|| error_id.clone()))
                .chain(more())
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    }

    /// The question around `control`: its text, the hint, the error message, then the input.
    pub(super) fn view(self, around: Around, control: AnyView) -> AnyView {
        let t = Texts::for_lang(self.lang);
        let lang = self.lang;
        let in_error = self.in_error();
        let described_by = self.described_by();
        let Frame {
            ids,
            error,
            question,
            unit,
            required,
            help,
            portal_hint,
            hint_after,
            class,
            ..
        } = self;
        let question = view! {
            {match question {
                Question::Form(text) => Either::Left(localized(&text, lang)),
                Question::Portal(text) => Either::Right(text),
            }}
            {unit.map(|u| view! { <span class="visually-hidden">" ("{u}")"</span> })}
            {required.map(|r| required_marker(r, t))}
        };
        let hint = hint_view(help.as_ref(), portal_hint, hint_after, &ids.hint, lang);
        let error = move || {
            error.get().map(|m| {
                view! {
                    <p class="error-message" id=ids.error.clone()>
                        <span class="visually-hidden">{t.error_prefix}</span>{m}
                    </p>
                }
            })
        };
        match around {
            Around::Label => EitherOf4::A(view! {
                <div class=class class:field-error=in_error>
                    <label for=ids.input>{question}</label>
                    {hint}
                    {error}
                    {control}
                </div>
            }),
            Around::Fieldset { class: set, id } => EitherOf4::B(view! {
                <div class=class class:field-error=in_error>
                    <fieldset class=set id=id aria-describedby=described_by>
                        <legend class="legend">{question}</legend>
                        {hint}
                        {error}
                        {control}
                    </fieldset>
                </div>
            }),
            Around::Section { heading_id } => {
                let labelled_by = heading_id.clone();
                EitherOf4::C(view! {
                    <section class="group" class:field-error=in_error aria-labelledby=labelled_by>
                        <h2 class="group-heading" id=heading_id>{question}</h2>
                        {hint}
                        {error}
                        {control}
                    </section>
                })
            }
            Around::Checkbox => EitherOf4::D(view! {
                <div class=format!("{class} consent") class:field-error=in_error>
                    {error}
                    <div class="checkbox">
                        {control}
                        <label for=ids.input>{question}</label>
                    </div>
                    {hint}
                </div>
            }),
        }
        .into_any()
    }
}

/// A text of the form, marked with its language where that is not the page's.
fn localized(text: &Localized, lang: Lang) -> impl IntoView + use<> {
    let (s, shown) = text.get_with_lang(lang);
    view! { <span lang=lang_attr(shown, lang)>{s.to_owned()}</span> }
}

fn required_marker(required: Memo<bool>, t: &'static Texts) -> impl IntoView {
    move || {
        required
            .get()
            .then(|| view! { <span class="required">" "{t.required_marker}</span> })
    }
}

/// The hint: the form's (else the portal's), then what the portal derives from the field.
fn hint_view(
    help: Option<&Localized>,
    portal: Option<&'static str>,
    after: Option<String>,
    id: &str,
    lang: Lang,
) -> Option<impl IntoView + use<>> {
    let first = match (help, portal) {
        (Some(h), _) => Some(h.get_with_lang(lang)),
        (None, Some(p)) => Some((p, lang)),
        (None, None) => None,
    };
    if first.is_none() && after.is_none() {
        return None;
    }
    let first = first.map(|(text, shown)| {
        view! { <span class="hint-part" lang=lang_attr(shown, lang)>{text.to_owned()}</span> }
    });
    let after = after.map(|text| view! { <span class="hint-part">{text}</span> });
    // Read as two sentences: a space between them (each is a line of its own on screen).
    Some(view! { <p class="hint" id=id.to_owned()>{first}" "{after}</p> })
}
