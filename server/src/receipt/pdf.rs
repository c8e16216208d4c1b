//! The PDF receipt, made with krilla: A4, DejaVu fonts embedded as subsets, tagged for screen
//! readers and checked by krilla against PDF/UA-1 and PDF/A-2a while it is written (a
//! document that breaks either standard is an error, not a file).
//!
//! krilla draws lines of text; the layout here is a small two-pass affair: [`Layout`] breaks
//! the receipt into lines on pages (so the footer can say "page 2 of 3"), then [`render`]
//! draws them and builds the tag tree (headings, paragraphs) in reading order.
//!
//! # Every character drawn
//!
//! A character without a glyph would make krilla refuse the whole document (PDF/A forbids
//! the `.notdef` glyph), and the citizen would lose the proof of submission. So each character
//! is drawn with the first DejaVu face that has it (the line's own style, then the others):
//! together they draw every character the answers may contain
//! ([`contract::form::repertoire`], proven by a test over the whole repertoire). Text the
//! citizen did not type in a form field — file names, the catalogue's names — may hold
//! anything else; what cannot be drawn (controls, format characters, private use, scripts
//! DejaVu lacks) is shown as U+FFFD "�", never dropped ([`drawable`]).

use std::borrow::Cow;
use std::num::NonZeroU16;
use std::sync::LazyLock;

use anyhow::Context;
use contract::Lang;
use contract::display::money;
use contract::form::repertoire;
use contract::payment::{PaymentState, PaymentTexts};
use contract::receipt_texts::ReceiptTexts;
use contract::slip::{PaymentSlip, SlipKind, SlipTexts};
use contract::submission::Receipt;
use krilla::Document;
use krilla::color::rgb;
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, Node, SpanTag, Tag, TagGroup, TagKind, TagTree,
};
use krilla::text::{Font, TextDirection};

use super::local_time;

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 56.7;
const TOP: f32 = 56.7;
const BOTTOM: f32 = PAGE_H - 70.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;
/// Width of the label column in label/value rows.
const LABEL_W: f32 = 170.0;
const GAP: f32 = 12.0;

const INK: (u8, u8, u8) = (0x1a, 0x1a, 0x1a);
const MUTED: (u8, u8, u8) = (0x4a, 0x4a, 0x4a);
const RULE: (u8, u8, u8) = (0xb0, 0xb0, 0xb0);

/// A typeface with its metrics.
struct Face {
    font: Font,
    metrics: ttf_parser::Face<'static>,
}

impl Face {
    fn load(data: &'static [u8]) -> Face {
        Face {
            font: Font::new(data.into(), 0).expect("bundled font parses"),
            metrics: ttf_parser::Face::parse(data, 0).expect("bundled font parses"),
        }
    }

    /// Whether the face has a glyph for `c`.
    fn has(&self, c: char) -> bool {
        self.metrics.glyph_index(c).is_some_and(|g| g.0 != 0)
    }

    /// Advance width of `c` at `size` points (no kerning: a line measures a hair wide, which
    /// only makes breaks a little early).
    fn advance(&self, c: char, size: f32) -> f32 {
        let units = self
            .metrics
            .glyph_index(c)
            .and_then(|g| self.metrics.glyph_hor_advance(g))
            .unwrap_or(self.metrics.units_per_em() / 2);
        f32::from(units) * size / f32::from(self.metrics.units_per_em())
    }
}

struct Fonts {
    regular: Face,
    bold: Face,
    mono: Face,
    /// The payment slip's typeface: the QR-bill allows Arial, Frutiger, Helvetica and
    /// Liberation Sans only.
    slip: Face,
    slip_bold: Face,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| Fonts {
    regular: Face::load(include_bytes!("../../assets/fonts/DejaVuSans.ttf")),
    bold: Face::load(include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf")),
    mono: Face::load(include_bytes!("../../assets/fonts/DejaVuSansMono.ttf")),
    slip: Face::load(include_bytes!(
        "../../assets/fonts/LiberationSans-Regular.ttf"
    )),
    slip_bold: Face::load(include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf")),
});

/// What a character that cannot be drawn is shown as.
const REPLACEMENT: char = '\u{fffd}';

#[derive(Debug, Clone, Copy, PartialEq)]
enum Style {
    Regular,
    Bold,
    Mono,
    Slip,
    SlipBold,
}

impl Style {
    /// The faces that may draw a character of this style, in order: its own first, then the
    /// other DejaVu faces (each has glyphs the others lack).
    fn chain(self) -> [&'static Face; 4] {
        let f = &*FONTS;
        match self {
            Style::Regular => [&f.regular, &f.bold, &f.mono, &f.mono],
            Style::Bold => [&f.bold, &f.regular, &f.mono, &f.mono],
            Style::Mono => [&f.mono, &f.regular, &f.bold, &f.bold],
            Style::Slip => [&f.slip, &f.regular, &f.bold, &f.mono],
            Style::SlipBold => [&f.slip_bold, &f.bold, &f.regular, &f.mono],
        }
    }

    /// The face that draws `c`, if any does.
    fn face_for(self, c: char) -> Option<&'static Face> {
        self.chain().into_iter().find(|f| f.has(c))
    }

    /// Width of drawable text (see [`drawable`]) at `size` points.
    fn width(self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| {
                let face = self.face_for(c).unwrap_or(self.chain()[0]);
                face.advance(c, size)
            })
            .sum()
    }
}

/// Whether the receipt can draw `c` in `style`: a face has a glyph for it, and it is nothing
/// PDF/A or PDF/UA forbid or a reader would not show (controls, format characters such as
/// bidirectional overrides, private use, noncharacters).
fn can_draw(c: char, style: Style) -> bool {
    !repertoire::invisible(c) && style.face_for(c).is_some()
}

/// `text` as the receipt draws it in `style`: a tab as a space, every character it cannot
/// draw as U+FFFD (replaced, not dropped, so that nothing vanishes unseen).
fn drawable(text: &str, style: Style) -> Cow<'_, str> {
    if text.chars().all(|c| can_draw(c, style)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\t' => ' ',
                c if can_draw(c, style) => c,
                _ => REPLACEMENT,
            })
            .collect(),
    )
}

/// Text that is not drawn but written into the document (structure titles, bookmarks,
/// metadata): the same characters as drawn text, for readers and archives alike.
fn plain(text: &str) -> String {
    drawable(text, Style::Regular).into_owned()
}

/// One line of text placed on a page (y is the baseline, from the top).
struct Line {
    page: usize,
    x: f32,
    y: f32,
    style: Style,
    size: f32,
    color: (u8, u8, u8),
    text: String,
}

/// The logical structure: what a screen reader reads, in order.
enum Block {
    Heading(u16, String, Vec<usize>),
    Paragraph(Vec<usize>),
}

/// What the payment slip draws besides text (outside the reading order: the text beside it
/// says all of it).
enum Mark {
    /// A QR code: page, left, top, size, modules; with the Swiss cross in the middle.
    Qr(usize, f32, f32, f32, Vec<String>, bool),
    /// A thin line from (x, y) to (x, y).
    Line(usize, (f32, f32), (f32, f32)),
    /// The corner marks of an empty box to write in: page, left, top, width, height.
    Corners(usize, f32, f32, f32, f32),
}

/// Lines laid out on pages plus the structure that reads them.
struct Layout {
    lines: Vec<Line>,
    blocks: Vec<Block>,
    rules: Vec<(usize, f32)>,
    marks: Vec<Mark>,
    /// The page whose lower part is the payment slip (its footer goes above the slip).
    slip_page: Option<usize>,
    /// Headings for the bookmarks: level, text, page, top.
    outline: Vec<(u16, String, usize, f32)>,
    page: usize,
    y: f32,
}

/// Breaks `text` into lines no wider than `width`, keeping the space at a break at the end of
/// the line (tagged PDF needs word boundaries), and cutting words longer than a line (never
/// between a letter and its combining mark). The lines are [`drawable`].
fn wrap(text: &str, style: Style, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let paragraph = drawable(paragraph, style);
        let mut line = String::new();
        for word in paragraph.split_inclusive(' ') {
            let candidate = format!("{line}{word}");
            if style.width(candidate.trim_end(), size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than the line: cut it where it overflows.
            let mut rest = word;
            while style.width(rest.trim_end(), size) > width {
                let mut cut = 0;
                for (i, c) in rest.char_indices() {
                    if style.width(&rest[..i + c.len_utf8()], size) > width {
                        break;
                    }
                    let next = rest[i + c.len_utf8()..].chars().next();
                    if !next.is_some_and(combining) {
                        cut = i + c.len_utf8();
                    }
                }
                let cut = if cut == 0 {
                    // Not even one letter fits: it goes on a line of its own.
                    rest.char_indices()
                        .skip(1)
                        .find(|(_, c)| !combining(*c))
                        .map_or(rest.len(), |(i, _)| i)
                } else {
                    cut
                };
                lines.push(rest[..cut].to_owned());
                rest = &rest[cut..];
            }
            line = rest.to_owned();
        }
        lines.push(line);
    }
    lines
}

/// A combining diacritical mark, drawn on the letter before it.
fn combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}')
}

impl Layout {
    fn new() -> Layout {
        Layout {
            lines: Vec::new(),
            blocks: Vec::new(),
            rules: Vec::new(),
            marks: Vec::new(),
            slip_page: None,
            outline: Vec::new(),
            page: 0,
            y: TOP,
        }
    }

    fn line_height(size: f32) -> f32 {
        size * 1.4
    }

    /// Starts a new page when `height` does not fit on this one.
    fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > TOP {
            self.page += 1;
            self.y = TOP;
        }
    }

    fn place(
        &mut self,
        x: f32,
        style: Style,
        size: f32,
        color: (u8, u8, u8),
        text: String,
    ) -> usize {
        self.lines.push(Line {
            page: self.page,
            x,
            y: self.y + size,
            style,
            size,
            color,
            text,
        });
        self.lines.len() - 1
    }

    fn space(&mut self, points: f32) {
        self.y += points;
    }

    fn heading(&mut self, level: u16, text: &str, size: f32) {
        self.space(if level == 1 { 0.0 } else { size * 0.9 });
        // Keep a heading with at least two lines of what follows.
        self.ensure(Self::line_height(size) + 3.0 * Self::line_height(10.0));
        self.outline.push((level, plain(text), self.page, self.y));
        let mut ids = Vec::new();
        for line in wrap(text, Style::Bold, size, CONTENT_W) {
            ids.push(self.place(MARGIN_X, Style::Bold, size, INK, line));
            self.y += Self::line_height(size);
        }
        self.blocks.push(Block::Heading(level, plain(text), ids));
        self.space(size * 0.3);
    }

    fn paragraph(&mut self, text: &str, style: Style, size: f32, color: (u8, u8, u8)) {
        let mut ids = Vec::new();
        for line in wrap(text, style, size, CONTENT_W) {
            self.ensure(Self::line_height(size));
            ids.push(self.place(MARGIN_X, style, size, color, line));
            self.y += Self::line_height(size);
        }
        self.blocks.push(Block::Paragraph(ids));
    }

    /// A label on the left, its value (one or more lines) on the right; read as one paragraph.
    fn row(&mut self, label: &str, value: &[String], value_style: Style) {
        let size = 10.0;
        let lh = Self::line_height(size);
        let mut labels = wrap(label, Style::Regular, 9.0, LABEL_W - GAP);
        if let Some(last) = labels.last_mut() {
            // The word boundary between label and value for text extraction.
            last.push(' ');
        }
        let mut values: Vec<String> = Vec::new();
        for (i, v) in value.iter().enumerate() {
            let mut wrapped = wrap(v, value_style, size, CONTENT_W - LABEL_W);
            if i + 1 < value.len()
                && let Some(last) = wrapped.last_mut()
            {
                last.push(' ');
            }
            values.extend(wrapped);
        }
        let rows = labels.len().max(values.len()).max(1);
        self.ensure(lh * rows.min(3) as f32);
        // Where each line pair goes (a long answer may continue on the next page); the labels
        // are placed first so that text extraction reads the label before the answer.
        let mut at = Vec::with_capacity(rows);
        for _ in 0..rows {
            self.ensure(lh);
            at.push((self.page, self.y));
            self.y += lh;
        }
        let end = (self.page, self.y);
        let mut label_ids = Vec::new();
        for (l, (page, y)) in labels.into_iter().zip(&at) {
            (self.page, self.y) = (*page, *y + 1.0);
            label_ids.push(self.place(MARGIN_X, Style::Regular, 9.0, MUTED, l));
        }
        let mut value_ids = Vec::new();
        for (v, (page, y)) in values.into_iter().zip(&at) {
            (self.page, self.y) = (*page, *y);
            value_ids.push(self.place(MARGIN_X + LABEL_W, value_style, size, INK, v));
        }
        (self.page, self.y) = end;
        label_ids.extend(value_ids);
        self.blocks.push(Block::Paragraph(label_ids));
        self.space(3.0);
    }

    /// A line of `text` with its top at `top` on the current page (the flow stays where it
    /// is).
    fn at(&mut self, x: f32, top: f32, style: Style, size: f32, text: &str) -> usize {
        let y = std::mem::replace(&mut self.y, top);
        let id = self.place(x, style, size, INK, drawable(text, style).into_owned());
        self.y = y;
        id
    }

    /// A section of the payment slip: its heading, then the values wrapped to `width`, read as
    /// one paragraph. Returns the top below it.
    #[allow(clippy::too_many_arguments)]
    fn slip_section(
        &mut self,
        x: f32,
        top: f32,
        width: f32,
        sizes: (f32, f32),
        heading: &str,
        values: &[String],
    ) -> f32 {
        let (head, value) = sizes;
        let lh = value + 1.0;
        let mut ids = vec![self.at(x, top, Style::SlipBold, head, &format!("{heading} "))];
        let mut y = top + head + 2.0;
        for v in values {
            for line in wrap(v, Style::Slip, value, width) {
                ids.push(self.at(x, y, Style::Slip, value, &format!("{} ", line.trim_end())));
                y += lh;
            }
        }
        self.blocks.push(Block::Paragraph(ids));
        y
    }

    fn rule(&mut self) {
        self.space(4.0);
        self.ensure(8.0);
        self.rules.push((self.page, self.y));
        self.space(8.0);
    }
}

fn lay_out(receipt: &Receipt) -> Layout {
    let t = ReceiptTexts::for_lang(receipt.lang);
    let mut l = Layout::new();
    l.paragraph(
        &format!("Schalter · {}", receipt.authority.name),
        Style::Regular,
        9.0,
        MUTED,
    );
    l.space(6.0);
    l.heading(1, t.title, 20.0);
    l.paragraph(t.intro, Style::Regular, 10.5, INK);
    l.space(10.0);

    l.paragraph(t.reference, Style::Regular, 9.0, MUTED);
    l.paragraph(&receipt.reference, Style::Mono, 22.0, INK);
    l.paragraph(t.reference_hint, Style::Regular, 9.0, MUTED);
    l.rule();

    l.row(t.received_at, &[local_time(receipt)], Style::Regular);
    l.row(
        t.application,
        &[
            receipt.form_title.clone(),
            (t.form_version)(&receipt.version),
        ],
        Style::Regular,
    );
    l.row(
        t.municipality,
        std::slice::from_ref(&receipt.municipality.display_name),
        Style::Regular,
    );
    l.row(
        t.authority,
        &t.authority_lines(&receipt.authority),
        Style::Regular,
    );
    l.row(
        t.status,
        &[receipt.status.label(receipt.lang).to_owned()],
        Style::Regular,
    );

    if let (Some(fees), Some(table)) = (&receipt.fees, receipt.fee_table(receipt.lang)) {
        l.heading(2, t.fees, 13.0);
        // The lines as the check page and the receipt page write them: each names its item,
        // so that two lines of one rule never read alike.
        for row in &table.rows {
            let label = match &row.reason {
                Some((reason, _)) => format!("{} ({reason})", row.label),
                None => row.label.clone(),
            };
            l.row(&label, std::slice::from_ref(&row.amount), Style::Regular);
        }
        l.row(
            table.total_label,
            std::slice::from_ref(&table.total),
            Style::Bold,
        );
        match &receipt.payment {
            Some(p) => {
                let pt = PaymentTexts::get(receipt.lang);
                l.row(
                    pt.filter_label,
                    &[pt.state_name(p.state).to_owned()],
                    Style::Regular,
                );
                if p.slip.is_some() {
                    let note = SlipTexts::get(receipt.lang).on_last_page;
                    l.paragraph(note, Style::Regular, 9.0, MUTED);
                } else if p.state == PaymentState::Open {
                    let note = t.fee_note_of(fees, receipt.lang);
                    l.paragraph(note, Style::Regular, 9.0, MUTED);
                }
            }
            None => l.paragraph(
                t.fee_note_of(fees, receipt.lang),
                Style::Regular,
                9.0,
                MUTED,
            ),
        }
    }

    l.heading(2, t.answers, 13.0);
    for step in &receipt.summary {
        l.heading(3, &step.title, 11.0);
        for row in &step.rows {
            let value = if row.lines.is_empty() {
                vec![t.not_answered.to_owned()]
            } else {
                row.lines.clone()
            };
            l.row(&row.label, &value, Style::Regular);
        }
    }

    if !receipt.attachments.is_empty() {
        l.heading(2, t.attachments, 13.0);
        for a in &receipt.attachments {
            l.row(
                &a.name,
                &[
                    format!("{} · {}", a.media_type, human_size(a.size, receipt.lang)),
                    a.sha256.clone(),
                ],
                Style::Regular,
            );
        }
    }

    // For the authority, not the citizen: small, at the end.
    l.space(6.0);
    l.heading(2, t.fingerprint, 9.0);
    l.paragraph(&receipt.data_hash, Style::Mono, 7.5, MUTED);
    l.space(2.0);
    l.paragraph(t.fingerprint_note, Style::Regular, 8.0, MUTED);
    if let Some(slip) = receipt.payment.as_ref().and_then(|p| p.slip.as_ref()) {
        lay_out_slip(&mut l, slip, receipt.lang);
    }
    l
}

/// Millimetres in points.
const MM: f32 = 72.0 / 25.4;
/// The payment slip's height: the lower 105 mm of an A4 page.
const SLIP_H: f32 = 105.0 * MM;

/// The payment slip on a page of its own: a heading and how to pay at the top, the slip in
/// the lower 105 mm — for a Swiss QR-bill the receipt and payment part as the Implementation
/// Guidelines v2.3 place them (section 3.4 onwards), for a GiroCode the code with the transfer's
/// data beside it.
fn lay_out_slip(l: &mut Layout, slip: &PaymentSlip, lang: Lang) {
    let t = SlipTexts::get(lang);
    l.page += 1;
    l.y = TOP;
    l.heading(2, t.heading, 13.0);
    let intro = match slip.kind {
        SlipKind::SwissQr => t.intro,
        SlipKind::Epc => t.epc_intro,
    };
    l.paragraph(intro, Style::Regular, 10.0, INK);
    let page = l.page;
    l.slip_page = Some(page);
    let top = PAGE_H - SLIP_H;
    let amount = slip_amount(slip.amount);
    l.marks.push(Mark::Line(page, (0.0, top), (PAGE_W, top)));
    match slip.kind {
        SlipKind::SwissQr => {
            // The line between receipt and slip, and what to do with it.
            let w = Style::Slip.width(t.separate, 7.0);
            let id = l.at((PAGE_W - w) / 2.0, top - 11.0, Style::Slip, 7.0, t.separate);
            l.blocks.push(Block::Paragraph(vec![id]));
            l.marks
                .push(Mark::Line(page, (62.0 * MM, top), (62.0 * MM, PAGE_H)));

            // The receipt part: 62 mm wide, 5 mm margins.
            let x = 5.0 * MM;
            let width = 52.0 * MM;
            let id = l.at(x, top + 5.0 * MM, Style::SlipBold, 11.0, t.receipt);
            l.blocks.push(Block::Heading(3, plain(t.receipt), vec![id]));
            let mut account = vec![slip.account.clone()];
            account.extend(slip.creditor.iter().cloned());
            let sizes = (6.0, 8.0);
            let y = l.slip_section(x, top + 12.0 * MM, width, sizes, t.account, &account);
            let y = l.slip_section(
                x,
                y + 9.0,
                width,
                sizes,
                t.reference,
                std::slice::from_ref(&slip.reference),
            );
            let y = l.slip_section(x, y + 9.0, width, sizes, t.payable_by, &[]);
            l.marks
                .push(Mark::Corners(page, x, y + 1.0, 52.0 * MM, 20.0 * MM));
            let amounts = top + 68.0 * MM;
            l.slip_section(
                x,
                amounts,
                15.0 * MM,
                sizes,
                t.currency,
                std::slice::from_ref(&slip.currency),
            );
            l.slip_section(
                x + 17.0 * MM,
                amounts,
                35.0 * MM,
                sizes,
                t.amount,
                std::slice::from_ref(&amount),
            );
            let w = Style::SlipBold.width(t.acceptance, 6.0);
            let id = l.at(
                57.0 * MM - w,
                top + 82.0 * MM,
                Style::SlipBold,
                6.0,
                t.acceptance,
            );
            l.blocks.push(Block::Paragraph(vec![id]));

            // The payment part: title, the code (46 mm, 5 mm below the title), the amount
            // below it, the information column from 118 mm.
            let x = 67.0 * MM;
            let id = l.at(x, top + 5.0 * MM, Style::SlipBold, 11.0, t.payment_part);
            l.blocks
                .push(Block::Heading(3, plain(t.payment_part), vec![id]));
            l.marks.push(Mark::Qr(
                page,
                x,
                top + 17.0 * MM,
                46.0 * MM,
                slip.modules.clone(),
                true,
            ));
            let sizes = (8.0, 10.0);
            let amounts = top + 68.0 * MM;
            l.slip_section(
                x,
                amounts,
                18.0 * MM,
                sizes,
                t.currency,
                std::slice::from_ref(&slip.currency),
            );
            l.slip_section(
                x + 20.0 * MM,
                amounts,
                30.0 * MM,
                sizes,
                t.amount,
                &[amount],
            );
            let x = 118.0 * MM;
            let width = 87.0 * MM;
            let y = l.slip_section(x, top + 5.0 * MM, width, sizes, t.account, &account);
            let y = l.slip_section(
                x,
                y + 9.0,
                width,
                sizes,
                t.reference,
                std::slice::from_ref(&slip.reference),
            );
            let y = l.slip_section(
                x,
                y + 9.0,
                width,
                sizes,
                t.additional,
                std::slice::from_ref(&slip.message),
            );
            let y = l.slip_section(x, y + 9.0, width, sizes, t.payable_by, &[]);
            l.marks
                .push(Mark::Corners(page, x, y + 1.0, 65.0 * MM, 25.0 * MM));
        }
        SlipKind::Epc => {
            let x = 5.0 * MM;
            let id = l.at(x, top + 5.0 * MM, Style::SlipBold, 11.0, "GiroCode");
            l.blocks
                .push(Block::Heading(3, "GiroCode".to_owned(), vec![id]));
            l.marks.push(Mark::Qr(
                page,
                x,
                top + 17.0 * MM,
                46.0 * MM,
                slip.modules.clone(),
                false,
            ));
            let x = 62.0 * MM;
            let width = 140.0 * MM;
            let sizes = (8.0, 10.0);
            let mut y = top + 5.0 * MM;
            let mut sections = vec![
                (t.payee, slip.creditor.clone()),
                ("IBAN", vec![slip.account.clone()]),
            ];
            if !slip.bic.is_empty() {
                sections.push(("BIC", vec![slip.bic.clone()]));
            }
            sections.push((t.amount, vec![money(slip.amount, &slip.currency, lang)]));
            sections.push((t.reference, vec![slip.reference.clone()]));
            for (heading, values) in sections {
                y = l.slip_section(x, y, width, sizes, heading, &values) + 9.0;
            }
        }
    }
}

/// An amount as the QR-bill prints it: a space between thousands, a point before the cents.
fn slip_amount(cents: i64) -> String {
    let units = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in units.chars().enumerate() {
        if i > 0 && (units.len() - i).is_multiple_of(3) {
            grouped.push(' ');
        }
        grouped.push(c);
    }
    format!("{grouped}.{:02}", cents % 100)
}

/// `1.2 MB`, `340 kB` (decimal units, decimal comma where the language writes one).
pub(crate) fn human_size(bytes: u64, lang: Lang) -> String {
    let (value, unit) = if bytes >= 1_000_000 {
        (bytes as f64 / 1_000_000.0, "MB")
    } else {
        (bytes as f64 / 1_000.0, "kB")
    };
    let text = format!("{value:.1}");
    let text = if lang == Lang::En {
        text
    } else {
        text.replace('.', ",")
    };
    format!("{text} {unit}")
}

fn color(c: (u8, u8, u8)) -> Fill {
    Fill {
        paint: rgb::Color::new(c.0, c.1, c.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn draw_line(surface: &mut Surface<'_>, line: &Line) -> Identifier {
    surface.set_fill(Some(color(line.color)));
    let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
    draw_text(surface, line.x, line.y, line.style, line.size, &line.text);
    surface.end_tagged();
    id
}

/// Draws drawable text left to right, each run of characters with the face of the chain that
/// has them (a combining mark stays with its letter's face where that face has the mark).
fn draw_text(surface: &mut Surface<'_>, x: f32, y: f32, style: Style, size: f32, text: &str) {
    let text = drawable(text, style);
    let mut runs: Vec<(&'static Face, usize, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        let previous = runs.last().map(|(face, _, _)| *face);
        let face = match previous {
            Some(p) if combining(c) && p.has(c) => p,
            _ => style.face_for(c).unwrap_or(style.chain()[0]),
        };
        match runs.last_mut() {
            Some((f, _, end)) if std::ptr::eq(*f, face) => *end = i + c.len_utf8(),
            _ => runs.push((face, i, i + c.len_utf8())),
        }
    }
    let mut x = x;
    for (face, start, end) in runs {
        let run = &text[start..end];
        surface.draw_text(
            Point::from_xy(x, y),
            face.font.clone(),
            size,
            run,
            false,
            TextDirection::LeftToRight,
        );
        x += run.chars().map(|c| face.advance(c, size)).sum::<f32>();
    }
}

/// Renders the receipt as a PDF document.
pub fn render(receipt: &Receipt) -> anyhow::Result<Vec<u8>> {
    let t = ReceiptTexts::for_lang(receipt.lang);
    let layout = lay_out(receipt);
    let pages = layout.page + 1;

    let configuration = ConfigurationBuilder::new()
        .with_accessibility_validator(Accessibility::UA1)
        .with_archival_validator(Archival::A2_A)
        .finish()
        .map_err(|e| anyhow::anyhow!("PDF/UA-1 with PDF/A-2a: {e:?}"))?;
    let settings = krilla::SerializeSettings {
        configuration,
        ..Default::default()
    };
    let mut document = Document::new_with(settings);
    let mut ids: Vec<Option<Identifier>> = (0..layout.lines.len()).map(|_| None).collect();
    for page_index in 0..pages {
        let mut page = document
            .start_page_with(PageSettings::from_wh(PAGE_W, PAGE_H).context("A4 page size")?);
        let mut surface = page.surface();
        for (i, line) in layout.lines.iter().enumerate() {
            if line.page == page_index {
                ids[i] = Some(draw_line(&mut surface, line));
            }
        }
        surface.start_tagged(ContentTag::Artifact(Artifact::new(
            ArtifactType::Layout,
            None,
        )));
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            paint: rgb::Color::new(RULE.0, RULE.1, RULE.2).into(),
            width: 0.75,
            ..Default::default()
        }));
        for (_, y) in layout.rules.iter().filter(|(p, _)| *p == page_index) {
            let mut path = PathBuilder::new();
            path.move_to(MARGIN_X, *y);
            path.line_to(PAGE_W - MARGIN_X, *y);
            if let Some(path) = path.finish() {
                surface.draw_path(&path);
            }
        }
        surface.set_stroke(None);
        surface.end_tagged();
        draw_marks(&mut surface, &layout.marks, page_index);

        // Footer on every page: the reference and the page number, outside the reading order.
        surface.start_tagged(ContentTag::Artifact(Artifact::new(
            ArtifactType::PaginationOther,
            None,
        )));
        surface.set_fill(Some(color(MUTED)));
        let footer = format!(
            "{} · {} · {}",
            t.title,
            receipt.reference,
            (t.page_of)(page_index + 1, pages)
        );
        let footer_y = if layout.slip_page == Some(page_index) {
            PAGE_H - SLIP_H - 28.0
        } else {
            PAGE_H - 40.0
        };
        draw_text(
            &mut surface,
            MARGIN_X,
            footer_y,
            Style::Regular,
            8.0,
            &footer,
        );
        surface.end_tagged();
        surface.finish();
        page.finish();
    }

    document.set_outline(outline(&layout.outline));
    let mut tree = TagTree::new().with_lang(Some(receipt.lang.code().to_owned()));
    for block in layout.blocks {
        let (kind, line_ids): (TagKind, Vec<usize>) = match block {
            Block::Heading(level, title, line_ids) => (
                Tag::Hn(
                    NonZeroU16::new(level).unwrap_or(NonZeroU16::MIN),
                    Some(title),
                )
                .into(),
                line_ids,
            ),
            Block::Paragraph(line_ids) => (Tag::P.into(), line_ids),
        };
        let children: Vec<Node> = line_ids
            .into_iter()
            .filter_map(|i| ids[i].take())
            .map(Node::from)
            .collect();
        tree.push(TagGroup::with_children(kind, children));
    }
    document.set_tag_tree(tree);
    document.set_metadata(
        Metadata::new()
            .title(plain(&format!("{} {}", t.title, receipt.reference)))
            .description(plain(&receipt.form_title))
            .language(receipt.lang.code().to_owned())
            .creator("Schalter".to_owned())
            .authors(vec![plain(&receipt.authority.name)])
            .creation_date(creation_date(&receipt.received_at)),
    );
    document
        .finish()
        .map_err(|e| anyhow::anyhow!("writing the PDF receipt: {e:?}"))
}

/// Draws the payment slip's lines, boxes and QR code on `page`, as artifacts.
fn draw_marks(surface: &mut Surface<'_>, marks: &[Mark], page: usize) {
    let black = (0, 0, 0);
    let white = (0xff, 0xff, 0xff);
    let rect = |path: &mut PathBuilder, x: f32, y: f32, w: f32, h: f32| {
        if let Some(r) = krilla::geom::Rect::from_xywh(x, y, w, h) {
            path.push_rect(r);
        }
    };
    let fill = |surface: &mut Surface<'_>, path: PathBuilder, c: (u8, u8, u8)| {
        if let Some(path) = path.finish() {
            surface.set_fill(Some(color(c)));
            surface.set_stroke(None);
            surface.draw_path(&path);
        }
    };
    let on_page: Vec<&Mark> = marks
        .iter()
        .filter(|m| match m {
            Mark::Qr(p, ..) | Mark::Line(p, ..) | Mark::Corners(p, ..) => *p == page,
        })
        .collect();
    if on_page.is_empty() {
        return;
    }
    surface.start_tagged(ContentTag::Artifact(Artifact::new(
        ArtifactType::Layout,
        None,
    )));
    for mark in on_page {
        match mark {
            Mark::Line(_, (x1, y1), (x2, y2)) => {
                let mut path = PathBuilder::new();
                path.move_to(*x1, *y1);
                path.line_to(*x2, *y2);
                if let Some(path) = path.finish() {
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        paint: rgb::Color::new(0, 0, 0).into(),
                        width: 0.75,
                        ..Default::default()
                    }));
                    surface.draw_path(&path);
                    surface.set_stroke(None);
                }
            }
            Mark::Corners(_, x, y, w, h) => {
                // 3 mm corner marks, 0.75 pt.
                let (c, t) = (3.0 * MM, 0.75);
                let mut path = PathBuilder::new();
                for (cx, cy, dx, dy) in [
                    (*x, *y, 1.0, 1.0),
                    (x + w, *y, -1.0, 1.0),
                    (*x, y + h, 1.0, -1.0),
                    (x + w, y + h, -1.0, -1.0),
                ] {
                    let hx = if dx > 0.0 { cx } else { cx - c };
                    let vy = if dy > 0.0 { cy } else { cy - c };
                    let hy = if dy > 0.0 { cy } else { cy - t };
                    let vx = if dx > 0.0 { cx } else { cx - t };
                    rect(&mut path, hx, hy, c, t);
                    rect(&mut path, vx, vy, t, c);
                }
                fill(surface, path, black);
            }
            Mark::Qr(_, x, y, size, modules, cross) => {
                let n = modules.len().max(1) as f32;
                let m = size / n;
                let mut path = PathBuilder::new();
                for (row, line) in modules.iter().enumerate() {
                    let bytes = line.as_bytes();
                    let mut col = 0;
                    while col < bytes.len() {
                        if bytes[col] == b'1' {
                            let start = col;
                            while col < bytes.len() && bytes[col] == b'1' {
                                col += 1;
                            }
                            let w = (col - start) as f32 * m;
                            // A hair wider and taller so that neighbours touch without seams.
                            rect(
                                &mut path,
                                x + start as f32 * m,
                                y + row as f32 * m,
                                w + 0.05,
                                m + 0.05,
                            );
                        } else {
                            col += 1;
                        }
                    }
                }
                fill(surface, path, black);
                if *cross {
                    // The Swiss cross: 7 mm with its white border, in the middle of the code.
                    let (border, square, arms) = contract::slip::swiss_cross(*size);
                    for (rects, colour) in [
                        (&[border][..], white),
                        (&[square][..], black),
                        (&arms[..], white),
                    ] {
                        let mut path = PathBuilder::new();
                        for [rx, ry, w, h] in rects {
                            rect(&mut path, x + rx, y + ry, *w, *h);
                        }
                        fill(surface, path, colour);
                    }
                }
            }
        }
    }
    surface.set_fill(None);
    surface.end_tagged();
}

/// Bookmarks: the sections, with the answer steps under "Your answers".
fn outline(headings: &[(u16, String, usize, f32)]) -> Outline {
    let mut outline = Outline::new();
    let mut section: Option<OutlineNode> = None;
    for (level, text, page, y) in headings {
        let node = OutlineNode::new(
            text.clone(),
            XyzDestination::new(*page, Point::from_xy(0.0, (y - 12.0).max(0.0))),
        );
        match (level, section.as_mut()) {
            (3, Some(parent)) => parent.push_child(node),
            _ => {
                if let Some(done) = section.replace(node) {
                    outline.push_child(done);
                }
            }
        }
    }
    if let Some(done) = section {
        outline.push_child(done);
    }
    outline
}

fn creation_date(received_at: &str) -> DateTime {
    let Ok(ts) = received_at.parse::<jiff::Timestamp>() else {
        return DateTime::new(1970);
    };
    let utc = ts.to_zoned(jiff::tz::TimeZone::UTC);
    DateTime::new(utc.year() as u16)
        .month(utc.month() as u8)
        .day(utc.day() as u8)
        .hour(utc.hour() as u8)
        .minute(utc.minute() as u8)
        .second(utc.second() as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_fit_and_keep_every_word_and_boundary() {
        let text = "Wie möchten Sie die Hundesteuer bezahlen? Überweisung nach Steuerbescheid \
                    oder Lastschrift vom Konto DE02120300000000202051";
        let lines = wrap(text, Style::Regular, 10.0, 120.0);
        assert!(lines.len() > 3, "{lines:?}");
        for l in &lines {
            assert!(Style::Regular.width(l.trim_end(), 10.0) <= 120.0, "{l:?}");
        }
        // Broken at spaces, which stay at the line ends: joined, the text is whole again.
        assert_eq!(lines.concat(), text);
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut_not_lost() {
        let hash = format!("sha256:{}", "ab01".repeat(16));
        let lines = wrap(&hash, Style::Mono, 10.0, 100.0);
        assert!(lines.len() >= 4, "{lines:?}");
        assert!(lines.iter().all(|l| Style::Mono.width(l, 10.0) <= 100.0));
        assert_eq!(lines.concat(), hash);
        assert_eq!(wrap("", Style::Regular, 10.0, 100.0), vec![String::new()]);
    }

    #[test]
    fn every_character_an_answer_may_contain_has_a_glyph() {
        use contract::form::repertoire::Repertoire;
        let mut walked = 0;
        for lines in [Repertoire::Line, Repertoire::Block] {
            for c in repertoire::repertoire(lines) {
                if matches!(c, '\n' | '\t') {
                    continue; // a line break, and a tab drawn as a space
                }
                // Answers are drawn regular, fee totals bold.
                for style in [Style::Regular, Style::Bold] {
                    assert!(
                        can_draw(c, style),
                        "{} {c} in {style:?}",
                        repertoire::code_point(c)
                    );
                }
                walked += 1;
            }
        }
        assert!(walked > 1500, "{walked}");
        // A letter sequence's marks come from its letter's face, so they sit on the letter.
        for seq in repertoire::sequences() {
            for style in [Style::Regular, Style::Bold] {
                let face = style.face_for(seq.chars().next().unwrap()).unwrap();
                assert!(seq.chars().all(|c| face.has(c)), "{seq} in {style:?}");
            }
        }
    }

    #[test]
    fn any_character_at_all_is_drawn_or_shown_as_a_replacement() {
        // Every character some face has a glyph for, every invisible one, and a sample of all
        // the others (the fonts have no glyph there, so they are replaced).
        let mut chars = std::collections::BTreeSet::new();
        for face in [&FONTS.regular, &FONTS.bold, &FONTS.mono] {
            for table in face
                .metrics
                .tables()
                .cmap
                .into_iter()
                .flat_map(|c| c.subtables)
            {
                table.codepoints(|u| chars.extend(char::from_u32(u)));
            }
        }
        chars.extend(('\0'..='\u{ffff}').filter(|c| repertoire::invisible(*c)));
        chars.extend(('\0'..=char::MAX).step_by(61));
        assert!(chars.len() > 25_000, "{}", chars.len());
        for style in [Style::Regular, Style::Bold, Style::Mono] {
            assert!(can_draw(REPLACEMENT, style));
            let mut buf = [0; 4];
            for c in &chars {
                let c = *c;
                let drawn = drawable(c.encode_utf8(&mut buf), style);
                let d = drawn.chars().next().unwrap();
                assert!(
                    d == c || d == REPLACEMENT || (c == '\t' && d == ' '),
                    "{c:?}"
                );
                // Nothing krilla refuses in PDF/A-2a: no private use, no U+0000, U+FEFF, U+FFFE.
                assert!(
                    d != c
                        || !matches!(c as u32, 0 | 0xFEFF | 0xFFFE | 0xE000..=0xF8FF | 0xF0000..),
                    "{c:?} drawn"
                );
            }
        }
    }

    /// A receipt of the given answers (summary rows), file names and authority.
    fn receipt_with(rows: Vec<(&str, Vec<String>)>, files: &[&str], authority: &str) -> Receipt {
        let rows: Vec<_> = rows
            .into_iter()
            .enumerate()
            .map(|(i, (label, lines))| {
                serde_json::json!({"path": format!("f{i}"), "label": label, "lines": lines})
            })
            .collect();
        let attachments: Vec<_> = files
            .iter()
            .map(|name| {
                serde_json::json!({"id": "u1", "field": "plans", "name": name, "size": 120_000,
                                   "type": "application/pdf",
                                   "sha256": format!("sha256:{}", "ab".repeat(32))})
            })
            .collect();
        serde_json::from_value(serde_json::json!({
            "reference": "K7Q-M4T-XP9",
            "received_at": "2026-11-23T09:24:00Z",
            "lang": "de",
            "form": "test",
            "form_title": "Prüfformular",
            "version": "1.0",
            "municipality": {
                "id": "ch:4001", "name": "Aarau", "display_name": "Aarau (AG)",
                "state_code": "AG", "state_name": "Aargau", "district_name": "Bezirk Aarau",
                "country": "ch",
            },
            "authority": {
                "id": "ch:4001", "name": authority, "level": "municipality",
                "contact": {"office": authority},
            },
            "summary": [{"step": "one", "title": "Angaben", "rows": rows}],
            "attachments": attachments,
            "data_hash": format!("sha256:{}", "0f".repeat(32)),
            "status": "received",
            "history": [{"status": "received", "at": "2026-11-23T09:24:00Z", "actor": "citizen"}],
        }))
        .unwrap()
    }

    fn pdf_text(pdf: &[u8]) -> String {
        let text = pdf_extract::extract_text_from_mem(pdf).expect("the PDF can be read");
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn names_in_latin_greek_and_cyrillic_are_drawn() {
        let names = [
            "Łucja Żółć-Ďábelová",
            "Ærøskøbing Åsa Ødegård",
            "Nguyễn Đức Ǻsa Şahin Țăran",
            "Ζεύς Αθηνά Παπαδοπούλου",
            "Мария Иванова Българска",
        ];
        let receipt = receipt_with(
            names
                .iter()
                .map(|n| ("Name", vec![(*n).to_owned()]))
                .collect(),
            &["Grundriss Erdgeschoss.pdf"],
            "Gemeinde Aarau",
        );
        let text = pdf_text(&render(&receipt).expect("the receipt renders"));
        for name in names {
            assert!(text.contains(name), "{name:?} missing in: {text}");
        }
    }

    #[test]
    fn a_receipt_of_the_whole_repertoire_renders() {
        use contract::form::repertoire::Repertoire;
        let chars: Vec<char> = repertoire::repertoire(Repertoire::Block).collect();
        let mut lines: Vec<String> = chars.chunks(40).map(|c| c.iter().collect()).collect();
        lines.extend(repertoire::sequences().chunks(12).map(|s| s.join(" ")));
        let receipt = receipt_with(vec![("Alle Zeichen", lines)], &[], "Gemeinde Aarau");
        render(&receipt).expect("the receipt renders");
    }

    #[test]
    fn file_names_and_authority_names_cannot_break_the_receipt() {
        let hostile = [
            "Plan\u{202e}fdp.exe",
            "计划书.pdf",
            "📄 Grundriss.pdf",
            "\u{feff}\u{e000}\u{fffe}\u{ffff}\u{10fffd}.pdf",
            "a\u{0}b\u{7}c\u{1b}[31m\u{85}\r\u{2028}.pdf",
            "\u{301}\u{301}\u{301}x\u{301}.pdf",
            "שלום عربى.pdf",
        ];
        let receipt = receipt_with(
            vec![("Datei", hostile.iter().map(|h| (*h).to_owned()).collect())],
            &hostile,
            "Gemeinde\u{202e}uarA \u{0}\u{7} 🏛 市政府 \u{e000}",
        );
        let pdf = render(&receipt).expect("the receipt renders");
        let text = pdf_text(&pdf);
        assert!(text.contains("Plan�fdp.exe"), "{text}");
        assert!(text.contains("� Grundriss.pdf"), "{text}");
        assert!(!text.contains('\u{202e}'));
    }

    #[test]
    fn slip_amounts_are_written_as_the_qr_bill_prints_them() {
        assert_eq!(slip_amount(2000), "20.00");
        assert_eq!(slip_amount(123_450), "1 234.50");
        assert_eq!(slip_amount(99_999_999_999), "999 999 999.99");
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_size(2_000, Lang::De), "2,0 kB");
        assert_eq!(human_size(1_260_000, Lang::En), "1.3 MB");
    }
}
