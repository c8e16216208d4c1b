//! A stored submission as the authority's specialist application receives it, in three
//! formats: Schalter's own JSON (`schalter.submission/v1`), an XML envelope shaped after the
//! Swiss eCH-0058 message header with an eCH-0039-like dossier, and a bundle around German
//! FIT-Connect submission metadata. `docs/handoff.md` shows each and what they cover.
//!
//! Every format is self-contained: the data document travels byte for byte as it was hashed,
//! and every attachment travels with its content (base64) and hash. The receiver needs no
//! second request and no credentials of the portal; the size is bounded by the form's own
//! upload limits.

use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use bytes::Bytes;
use contract::submission::{AttachmentInfo, SubmissionData};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use serde::Serialize;
use serde_json::value::RawValue;
use sha2::{Digest, Sha256, Sha512};

use crate::attachments::Attachments;
use crate::db::Db;
use crate::submissions::store::{self, Stored};
use crate::submissions::{now_rfc3339, sha256_tag};

/// The three export formats; also what a webhook endpoint receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// `schalter.submission/v1`: Schalter's own JSON.
    #[value(name = "json")]
    Json,
    /// XML: an eCH-0058 v5 style header and an eCH-0039 style dossier with its documents.
    #[value(name = "ech-0058")]
    Ech0058,
    /// JSON: FIT-Connect submission metadata, the data and the attachments, unencrypted.
    #[value(name = "fit-connect")]
    FitConnect,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 3] = [Format::Json, Format::Ech0058, Format::FitConnect];

    /// The stable code, as stored with a webhook endpoint and typed on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Ech0058 => "ech-0058",
            Format::FitConnect => "fit-connect",
        }
    }

    /// Parses [`Format::code`].
    pub fn from_code(code: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The `Content-Type` of a body in this format.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json | Format::FitConnect => "application/json",
            Format::Ech0058 => "application/xml; charset=utf-8",
        }
    }
}

/// One submitted file with its bytes.
#[derive(Debug, Clone)]
pub struct File {
    /// What the receipt says about it (field, name, type, size, hash).
    pub info: AttachmentInfo,
    /// The content, checked against `info.sha256`.
    pub content: Bytes,
}

/// Everything an export carries: the stored submission, its data document and its files.
#[derive(Debug, Clone)]
pub struct Bundle {
    /// The submission as stored (receipt with current status).
    pub submission: Stored,
    /// The data document, parsed (its bytes are `submission.data`).
    pub data: SubmissionData,
    /// The attachments with their content, in receipt order.
    pub files: Vec<File>,
    /// The fee and where it stands (paid, by which transaction), if there is one.
    pub payment: Option<contract::payment::PaymentInfo>,
}

/// Loads the submission with this row id and its files.
pub async fn load(db: &Db, attachments: &Attachments, id: i64) -> anyhow::Result<Option<Bundle>> {
    match store::by_id(db, id).await? {
        Some(s) => Ok(Some(complete(db, attachments, s).await?)),
        None => Ok(None),
    }
}

/// Loads the submission with this reference number (canonical form) and its files.
pub async fn load_by_reference(
    db: &Db,
    attachments: &Attachments,
    reference: &str,
) -> anyhow::Result<Option<Bundle>> {
    match store::by_reference(db, reference).await? {
        Some(s) => Ok(Some(complete(db, attachments, s).await?)),
        None => Ok(None),
    }
}

async fn complete(
    db: &Db,
    attachments: &Attachments,
    submission: Stored,
) -> anyhow::Result<Bundle> {
    let data: SubmissionData =
        serde_json::from_str(&submission.data).context("stored data document")?;
    let uploads = store::uploads_of(db, submission.id).await?;
    let mut files = Vec::new();
    for info in &submission.receipt.attachments {
        let upload = uploads.iter().find(|u| u.id == info.id).with_context(|| {
            format!("upload {} of {} is missing", info.id, submission.reference)
        })?;
        let content = attachments.get(&upload.object_key).await?;
        // An export must never hand over bytes other than those the citizen's receipt names.
        anyhow::ensure!(
            sha256_tag(&content) == info.sha256,
            "attachment {} of {} does not match its hash",
            info.id,
            submission.reference
        );
        files.push(File {
            info: info.clone(),
            content,
        });
    }
    let payment = crate::payments::store::info(db, submission.id).await?;
    Ok(Bundle {
        submission,
        data,
        files,
        payment,
    })
}

/// The bundle in `format`. `message_id` identifies this message (the webhook's delivery id,
/// stable across retries); it appears in the eCH-0058 header.
pub fn render(bundle: &Bundle, format: Format, message_id: &str) -> anyhow::Result<Vec<u8>> {
    match format {
        Format::Json => json(bundle),
        Format::Ech0058 => ech0058(bundle, message_id),
        Format::FitConnect => fit_connect(bundle),
    }
}

/// The schema tag of the JSON export.
pub const JSON_FORMAT: &str = "schalter.submission/v1";

#[derive(Serialize)]
struct JsonExport<'a> {
    format: &'static str,
    reference: &'a str,
    received_at: &'a str,
    form: JsonForm<'a>,
    services: &'a [String],
    municipality: &'a contract::api::MunicipalityRef,
    authority: &'a contract::api::Authority,
    lang: &'static str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    fees: Option<&'a contract::form::Fees>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payment: Option<&'a contract::payment::PaymentInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    data_hash: &'a str,
    /// The stored document verbatim (RawValue is written as is, never re-serialised).
    data: &'a RawValue,
    /// The same bytes in base64: the simplest way to check `data_hash` in any language.
    data_base64: String,
    attachments: Vec<JsonAttachment<'a>>,
}

#[derive(Serialize)]
struct JsonForm<'a> {
    id: &'a str,
    version: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct JsonAttachment<'a> {
    id: &'a str,
    field: &'a str,
    name: &'a str,
    size: u64,
    #[serde(rename = "type")]
    media_type: &'a str,
    sha256: &'a str,
    content_base64: String,
}

fn json(bundle: &Bundle) -> anyhow::Result<Vec<u8>> {
    let s = &bundle.submission;
    let r = &s.receipt;
    let raw: Box<RawValue> =
        RawValue::from_string(s.data.clone()).context("stored data document")?;
    let doc = JsonExport {
        format: JSON_FORMAT,
        reference: &s.reference,
        received_at: &r.received_at,
        form: JsonForm {
            id: &s.form_id,
            version: &s.form_version,
            title: &r.form_title,
        },
        services: &bundle.data.services,
        municipality: &r.municipality,
        authority: &r.authority,
        lang: s.lang.code(),
        status: s.status.code(),
        fees: r.fees.as_ref(),
        payment: bundle.payment.as_ref(),
        email: s.email.as_deref(),
        data_hash: &s.data_hash,
        data: &raw,
        data_base64: BASE64.encode(s.data.as_bytes()),
        attachments: bundle
            .files
            .iter()
            .map(|f| JsonAttachment {
                id: &f.info.id,
                field: &f.info.field,
                name: &f.info.name,
                size: f.info.size,
                media_type: &f.info.media_type,
                sha256: &f.info.sha256,
                content_base64: BASE64.encode(&f.content),
            })
            .collect(),
    };
    Ok(serde_json::to_vec_pretty(&doc)?)
}

/// Namespace of the envelope's own elements (root, submission summary, file contents).
pub const SCHALTER_NS: &str = "urn:schalter:xmlns:handoff:1";
/// eCH-0058 v5, the message header.
pub const ECH_0058_NS: &str = "http://www.ech.ch/xmlns/eCH-0058/5";
/// eCH-0039 v3, dossier and documents.
pub const ECH_0039_NS: &str = "http://www.ech.ch/xmlns/eCH-0039/3";
/// The eCH-0058 `senderId` of the portal.
pub const SENDER_ID: &str = "urn:schalter:portal";
/// The eCH-0058 `messageType` (no official number is assigned to portal submissions).
pub const MESSAGE_TYPE: &str = "schalter-submission";

/// Small writer helpers over quick-xml (which escapes text and attribute values).
struct Xml(Writer<Vec<u8>>);

type XmlResult = std::io::Result<()>;

impl Xml {
    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> XmlResult {
        let mut tag = BytesStart::new(name);
        for a in attrs {
            tag.push_attribute(*a);
        }
        self.0.write_event(Event::Start(tag))
    }

    fn end(&mut self, name: &str) -> XmlResult {
        self.0.write_event(Event::End(BytesEnd::new(name)))
    }

    fn leaf(&mut self, name: &str, text: &str) -> XmlResult {
        self.leaf_with(name, &[], text)
    }

    fn leaf_with(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> XmlResult {
        self.start(name, attrs)?;
        self.0.write_event(Event::Text(BytesText::new(text)))?;
        self.end(name)
    }
}

/// At most `max` characters (the eCH-0058 length limits).
fn cut(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A stable UUID for something of a submission (dossier, data document).
fn stable_uuid(name: &str) -> uuid::Uuid {
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, name.as_bytes())
}

/// The upload id as a UUID (upload ids are UUIDs without hyphens).
fn file_uuid(info: &AttachmentInfo) -> uuid::Uuid {
    uuid::Uuid::parse_str(&info.id)
        .unwrap_or_else(|_| stable_uuid(&format!("urn:schalter:upload:{}", info.id)))
}

/// Where a file sits in the envelope (`pathFileName`): the data document, then one folder
/// per attachment so equal file names never collide.
fn data_path() -> &'static str {
    "data.json"
}

fn attachment_path(info: &AttachmentInfo) -> String {
    format!("attachments/{}/{}", info.id, info.name)
}

fn ech0058(bundle: &Bundle, message_id: &str) -> anyhow::Result<Vec<u8>> {
    let mut x = Xml(Writer::new_with_indent(Vec::new(), b' ', 2));
    write_ech0058(&mut x, bundle, message_id).context("writing the XML export")?;
    let mut out = x.0.into_inner();
    out.push(b'\n');
    Ok(out)
}

fn write_ech0058(x: &mut Xml, bundle: &Bundle, message_id: &str) -> XmlResult {
    let s = &bundle.submission;
    let r = &s.receipt;
    let data = &bundle.data;
    let lang = s.lang.code();
    x.0.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    x.start(
        "sch:delivery",
        &[
            ("xmlns:sch", SCHALTER_NS),
            ("xmlns:eCH-0058", ECH_0058_NS),
            ("xmlns:eCH-0039", ECH_0039_NS),
        ],
    )?;

    // The eCH-0058 header, its elements in the standard's sequence.
    x.start("sch:deliveryHeader", &[])?;
    x.leaf("eCH-0058:senderId", SENDER_ID)?;
    x.leaf(
        "eCH-0058:recipientId",
        &format!("urn:schalter:authority:{}", r.authority.id),
    )?;
    x.leaf("eCH-0058:messageId", &cut(message_id, 36))?;
    x.leaf("eCH-0058:ourBusinessReferenceId", &s.reference)?;
    x.leaf("eCH-0058:messageType", MESSAGE_TYPE)?;
    x.leaf("eCH-0058:subMessageType", &cut(&s.form_id, 36))?;
    x.start("eCH-0058:sendingApplication", &[])?;
    x.leaf("eCH-0058:manufacturer", "Schalter")?;
    x.leaf("eCH-0058:product", "Schalter")?;
    x.leaf(
        "eCH-0058:productVersion",
        &cut(env!("CARGO_PKG_VERSION"), 10),
    )?;
    x.end("eCH-0058:sendingApplication")?;
    x.leaf(
        "eCH-0058:subject",
        &cut(&format!("{} ({})", r.form_title, s.reference), 100),
    )?;
    x.leaf("eCH-0058:messageDate", &now_rfc3339())?;
    // 1 = new.
    x.leaf("eCH-0058:action", "1")?;
    x.leaf("eCH-0058:testDeliveryFlag", "false")?;
    for (name, value) in [
        ("municipality", s.municipality.as_str()),
        ("formVersion", s.form_version.as_str()),
        ("lang", lang),
    ] {
        x.start("eCH-0058:namedMetaData", &[])?;
        x.leaf("eCH-0058:metaDataName", name)?;
        x.leaf("eCH-0058:metaDataValue", &cut(value, 50))?;
        x.end("eCH-0058:namedMetaData")?;
    }
    x.end("sch:deliveryHeader")?;

    // What the submission is, in the envelope's own vocabulary.
    x.start("sch:submission", &[])?;
    x.leaf("sch:reference", &s.reference)?;
    x.leaf("sch:receivedAt", &r.received_at)?;
    x.leaf_with(
        "sch:form",
        &[("id", &s.form_id), ("version", &s.form_version)],
        &r.form_title,
    )?;
    for service in &data.services {
        x.leaf("sch:service", service)?;
    }
    x.leaf_with(
        "sch:municipality",
        &[("id", &r.municipality.id)],
        &r.municipality.name,
    )?;
    x.leaf_with(
        "sch:authority",
        &[("id", &r.authority.id)],
        &r.authority.name,
    )?;
    x.leaf("sch:lang", lang)?;
    x.leaf("sch:status", s.status.code())?;
    if let Some(fees) = &r.fees {
        let total = fees.total.to_string();
        x.leaf_with(
            "sch:feesTotal",
            &[("currency", &fees.currency), ("unit", "cent")],
            &total,
        )?;
    }
    if let Some(p) = &bundle.payment {
        let amount = p.amount.to_string();
        let mut attrs = vec![
            ("state", p.state.code()),
            ("currency", p.currency.as_str()),
            ("unit", "cent"),
        ];
        if let Some(at) = &p.paid_at {
            attrs.push(("paidAt", at.as_str()));
        }
        if let Some(t) = &p.transaction {
            attrs.push(("transaction", t.as_str()));
        }
        x.leaf_with("sch:payment", &attrs, &amount)?;
    }
    x.leaf("sch:dataHash", &s.data_hash)?;

    // The case as an eCH-0039 dossier, the data and every attachment as documents.
    let dossier = stable_uuid(&format!("urn:schalter:submission:{}", s.reference));
    x.start("eCH-0039:dossier", &[])?;
    x.leaf("eCH-0039:uuid", &dossier.to_string())?;
    x.leaf("eCH-0039:status", "created")?;
    x.start("eCH-0039:titles", &[])?;
    x.leaf_with("eCH-0039:title", &[("xml:lang", lang)], &r.form_title)?;
    x.end("eCH-0039:titles")?;
    x.leaf("eCH-0039:caseReferenceLocalId", &s.reference)?;
    x.leaf(
        "eCH-0039:openingDate",
        r.received_at.get(..10).unwrap_or(""),
    )?;
    x.end("eCH-0039:dossier")?;

    let data_hex = s.data_hash.trim_start_matches("sha256:");
    let data_doc = stable_uuid(&format!("urn:schalter:submission:{}:data", s.reference));
    write_document(
        x,
        &DocumentXml {
            uuid: &data_doc.to_string(),
            title: &r.form_title,
            lang,
            path: data_path(),
            mime: "application/json",
            sha256_hex: data_hex,
            leading: true,
            kind: "application-data",
        },
    )?;
    for f in &bundle.files {
        write_document(
            x,
            &DocumentXml {
                uuid: &file_uuid(&f.info).to_string(),
                title: &f.info.name,
                lang,
                path: &attachment_path(&f.info),
                mime: &f.info.media_type,
                sha256_hex: f.info.sha256.trim_start_matches("sha256:"),
                leading: false,
                kind: &f.info.field,
            },
        )?;
    }
    x.end("sch:submission")?;

    // The bytes the documents' `pathFileName`s name (eCH deliveries put them beside the
    // XML in a package; one HTTP body carries them inline).
    x.start("sch:files", &[])?;
    x.leaf_with(
        "sch:file",
        &[("pathFileName", data_path()), ("encoding", "base64")],
        &BASE64.encode(s.data.as_bytes()),
    )?;
    for f in &bundle.files {
        x.leaf_with(
            "sch:file",
            &[
                ("pathFileName", &attachment_path(&f.info)),
                ("encoding", "base64"),
            ],
            &BASE64.encode(&f.content),
        )?;
    }
    x.end("sch:files")?;
    x.end("sch:delivery")
}

struct DocumentXml<'a> {
    uuid: &'a str,
    title: &'a str,
    lang: &'a str,
    path: &'a str,
    mime: &'a str,
    sha256_hex: &'a str,
    leading: bool,
    kind: &'a str,
}

fn write_document(x: &mut Xml, d: &DocumentXml<'_>) -> XmlResult {
    x.start("eCH-0039:document", &[])?;
    x.leaf("eCH-0039:uuid", d.uuid)?;
    x.start("eCH-0039:titles", &[])?;
    x.leaf_with("eCH-0039:title", &[("xml:lang", d.lang)], d.title)?;
    x.end("eCH-0039:titles")?;
    x.leaf("eCH-0039:status", "created")?;
    x.start("eCH-0039:files", &[])?;
    x.start("eCH-0039:file", &[])?;
    x.leaf("eCH-0039:pathFileName", d.path)?;
    x.leaf("eCH-0039:mimeType", d.mime)?;
    x.leaf("eCH-0039:hashCode", d.sha256_hex)?;
    x.leaf("eCH-0039:hashCodeAlgorithm", "SHA-256")?;
    x.end("eCH-0039:file")?;
    x.end("eCH-0039:files")?;
    x.leaf(
        "eCH-0039:isLeadingDocument",
        if d.leading { "true" } else { "false" },
    )?;
    x.leaf("eCH-0039:documentKind", d.kind)?;
    x.end("eCH-0039:document")
}

/// The FIT-Connect metadata schema the metadata part follows.
pub const FIT_CONNECT_METADATA_SCHEMA: &str =
    "https://schema.fitko.de/fit-connect/metadata/1.2.0/metadata.schema.json";

/// The service's LeiKa key: the first of the form's services that is one (14 digits).
pub fn leika_key(services: &[String]) -> Option<&str> {
    services
        .iter()
        .map(String::as_str)
        .find(|s| s.len() == 14 && s.bytes().all(|b| b.is_ascii_digit()))
}

fn sha512_hex(bytes: &[u8]) -> String {
    hex(&Sha512::digest(bytes))
}

/// The FIT-Connect metadata document of a submission (the part FIT-Connect would encrypt as
/// the submission's metadata).
pub fn fit_connect_metadata(bundle: &Bundle) -> serde_json::Value {
    use serde_json::json;
    let s = &bundle.submission;
    let r = &s.receipt;
    let mut meta = json!({
        "$schema": FIT_CONNECT_METADATA_SCHEMA,
        "contentStructure": {
            "data": {
                "submissionSchema": {
                    "schemaUri": format!("urn:schalter:form:{}:{}", s.form_id, s.form_version),
                    "mimeType": "application/json",
                },
                "hash": { "type": "sha512", "content": sha512_hex(s.data.as_bytes()) },
            },
            "attachments": bundle.files.iter().map(|f| json!({
                "attachmentId": file_uuid(&f.info).to_string(),
                "hash": { "type": "sha512", "content": sha512_hex(&f.content) },
                "purpose": "attachment",
                "filename": f.info.name,
                "mimeType": f.info.media_type,
                "description": f.info.field,
            })).collect::<Vec<_>>(),
        },
        "additionalReferenceInfo": {
            "senderReference": s.reference,
            "applicationDate": r.received_at.get(..10).unwrap_or(""),
        },
    });
    if let Some(key) = leika_key(&bundle.data.services) {
        meta["publicServiceType"] = json!({
            "name": r.form_title,
            "identifier": format!("urn:de:fim:leika:leistung:{key}"),
        });
    }
    if let Some(email) = &s.email {
        meta["replyChannel"] = json!({ "eMail": { "address": email } });
    }
    meta
}

/// The schema tag of the FIT-Connect bundle.
pub const FIT_CONNECT_FORMAT: &str = "schalter.fit-connect/v1";

fn fit_connect(bundle: &Bundle) -> anyhow::Result<Vec<u8>> {
    let doc = serde_json::json!({
        "format": FIT_CONNECT_FORMAT,
        "metadata": fit_connect_metadata(bundle),
        "data": BASE64.encode(bundle.submission.data.as_bytes()),
        "attachments": bundle.files.iter().map(|f| serde_json::json!({
            "attachmentId": file_uuid(&f.info).to_string(),
            "content": BASE64.encode(&f.content),
        })).collect::<Vec<_>>(),
    });
    Ok(serde_json::to_vec_pretty(&doc)?)
}

/// `sha256` of some bytes as lower-case hex (the form eCH-0039's `hashCode` carries).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_have_codes() {
        for f in Format::ALL {
            assert_eq!(Format::from_code(f.code()), Some(f));
        }
        assert_eq!(Format::from_code("xml"), None);
    }

    #[test]
    fn leika_keys_are_fourteen_digits() {
        let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            leika_key(&s(&["ch-aarau-x", "99110009104000"])),
            Some("99110009104000")
        );
        assert_eq!(leika_key(&s(&["9911000910400"])), None);
        assert_eq!(leika_key(&[]), None);
    }

    #[test]
    fn xml_text_is_escaped_and_cut() {
        let mut x = Xml(Writer::new(Vec::new()));
        x.leaf_with("a", &[("t", "\"<&>")], "Müller & <Söhne>")
            .unwrap();
        assert_eq!(
            String::from_utf8(x.0.into_inner()).unwrap(),
            "<a t=\"&quot;&lt;&amp;&gt;\">Müller &amp; &lt;Söhne&gt;</a>"
        );
        assert_eq!(cut("Hundesteuer", 5), "Hunde");
        assert_eq!(sha256_hex(b"abc").len(), 64);
    }
}
