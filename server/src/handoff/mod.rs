//! Hand-off to the authority: the outbox worker that delivers confirmation e-mails and signed
//! webhooks, and the export formats. (Being written.)
