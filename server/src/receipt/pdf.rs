//! The PDF receipt. (Being written: placeholder signature.)

use contract::submission::Receipt;

/// Renders the receipt as a PDF document.
pub fn render(receipt: &Receipt) -> anyhow::Result<Vec<u8>> {
    anyhow::bail!("PDF receipt for {} not implemented yet", receipt.reference)
}
