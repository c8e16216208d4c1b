//! Security headers on every response. A response that sets its own value (the app's
//! index.html with its script hashes, the embeddable widget's frame) keeps it.

use axum::body::Body;
use axum::http::{HeaderName, HeaderValue, Response, header};
use tower::ServiceBuilder;
use tower::layer::util::{Identity, Stack};
use tower_http::set_header::SetResponseHeaderLayer;

/// The content security policy of the portal: only our own files, WebAssembly compilation
/// allowed (`wasm-unsafe-eval`), nothing inline, never framed.
pub fn content_security_policy(extra_script_sources: &[String]) -> String {
    let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
    for s in extra_script_sources {
        script_src.push(' ');
        script_src.push_str(s);
    }
    format!(
        "default-src 'self'; script-src {script_src}; style-src 'self'; img-src 'self' data:; \
         font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// A layer setting one header.
pub type Set = SetResponseHeaderLayer<HeaderValue>;
type SetWith = SetResponseHeaderLayer<fn(&Response<Body>) -> Option<HeaderValue>>;

/// `X-Frame-Options: DENY`, except on a response whose own policy names who may frame it
/// (`frame-ancestors` other than `'none'`: the widget's iframe page). Browsers that know
/// `frame-ancestors` ignore the older header anyway; the others must not be told to deny.
fn frame_options(res: &Response<Body>) -> Option<HeaderValue> {
    let framable = res
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .and_then(|csp| {
            csp.split(';')
                .map(str::trim)
                .find_map(|d| d.strip_prefix("frame-ancestors "))
        })
        .is_some_and(|sources| sources.trim() != "'none'");
    (!framable).then(|| HeaderValue::from_static("DENY"))
}

/// The header layers, each set only where the handler did not set its own.
#[expect(
    clippy::type_complexity,
    reason = "the layer stack's type is what it is"
)]
pub fn headers() -> ServiceBuilder<
    Stack<Set, Stack<Set, Stack<SetWith, Stack<Set, Stack<Set, Stack<Set, Identity>>>>>>,
> {
    let csp = HeaderValue::from_str(&content_security_policy(&[]))
        .expect("the static policy is a valid header value");
    ServiceBuilder::new()
        .layer(Set::if_not_present(header::CONTENT_SECURITY_POLICY, csp))
        .layer(Set::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(Set::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetWith::if_not_present(
            header::X_FRAME_OPTIONS,
            frame_options as fn(&Response<Body>) -> Option<HeaderValue>,
        ))
        .layer(Set::if_not_present(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
        ))
        .layer(Set::if_not_present(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ))
}

/// The production transport header: browsers use only https for the next two years, for every
/// subdomain too (`--hsts`, on by default when the public address is https).
pub fn transport() -> Set {
    Set::overriding(
        header::STRICT_TRANSPORT_SECURITY,
        HeaderValue::from_static("max-age=63072000; includeSubDomains"),
    )
}
