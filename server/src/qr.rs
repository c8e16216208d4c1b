//! QR codes as module matrices for the app and the PDFs to draw (the `qrcode` crate encodes;
//! error correction level M, the version the data needs).

use qrcode::{Color, EcLevel, QrCode};

/// The modules of the QR code of `data`, row by row, `1` dark and `0` light (no quiet zone);
/// `None` when the data does not fit in a QR code.
pub fn modules(data: &[u8]) -> Option<Vec<String>> {
    let code = QrCode::with_error_correction_level(data, EcLevel::M).ok()?;
    let width = code.width();
    Some(
        code.to_colors()
            .chunks(width)
            .map(|row| {
                row.iter()
                    .map(|c| if *c == Color::Dark { '1' } else { '0' })
                    .collect()
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_square_with_finder_patterns() {
        let m = modules(b"otpauth://totp/Schalter:a@b.ch?secret=JBSWY3DP").expect("fits");
        assert!(m.iter().all(|r| r.len() == m.len()));
        // The top-left finder pattern: a 7-module dark edge.
        assert_eq!(&m[0][..7], "1111111");
        assert_eq!(&m[1][..7], "1000001");
        assert!(modules(&[b'x'; 5000]).is_none());
    }
}
