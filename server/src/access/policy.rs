//! The one place that decides whether an actor may do something to a resource.
//!
//! Every endpoint's service asks [`Policy::check`] with the [`Action`] it performs and the
//! [`Resource`] as loaded from storage. The answers follow three rules:
//! - the public catalogue, forms, validation and starting an application are open to all;
//! - a submission is seen by the holder of its receipt token, by the Bürgerkonto it belongs to
//!   and by staff of the authority it was routed to (clerks and authority admins), changed
//!   only by that staff; anyone else gets
//!   the answer an unknown reference gets (404), so references cannot be probed;
//! - a receipt token opens its submission only in its generation (a new token replaces every
//!   earlier one) and only until it expires (the authority sets how long); an expired token
//!   that was genuine is told so (401), it proves the asker once held the receipt;
//! - the citizen holding the receipt and the authority's staff may replace the token;
//! - the messages about a submission (the Postfach) are read and written by whoever may read
//!   the submission: its citizen (token or account) and the authority's staff;
//! - a municipality's form overlay status is for the staff of that municipality and portal
//!   administrators; an authority's settings for its admins and portal administrators; without
//!   credentials 401, with the wrong ones 403 (nothing secret is revealed by their existence);
//! - a Bürgerkonto is used by the citizen signed in to it only: without a session 401, staff
//!   403, another citizen 404;
//! - clerk mode is for staff only (without credentials 401, citizens 403); a case is worked
//!   by the clerks and admins of the authority it was routed to, and any other staff member
//!   gets 404 for it (references and ids cannot be probed); an inbox lists only those
//!   authorities' cases;
//! - an organisation is seen by its members (and its applications with it), changed by its
//!   admins; a member who is not an admin gets 403, everyone else 404.

use super::{Actor, Role};
use crate::submissions::AccessKey;

/// What an endpoint does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Read the public catalogue, forms and the API description; validate answers.
    Browse,
    /// Submit an application (a new submission).
    Submit,
    /// Upload a file for a draft.
    Upload,
    /// Read a submission: its receipt, PDF and attachments.
    ReadSubmission,
    /// Pay a submission's fee online (start a payment on the provider's page).
    PayFee,
    /// Move a submission along its lifecycle.
    ChangeStatus,
    /// Replace a submission's receipt token (every earlier one stops working).
    RenewAccess,
    /// Read or change an authority's settings.
    ManageAuthority,
    /// Read how a municipality's form overlay stands against the current template.
    ReadOverlayStatus,
    /// Read or change a Bürgerkonto (profile, password, address, export, deletion).
    UseAccount,
    /// Read the messages about a submission (and their files).
    ReadMessages,
    /// See an organisation, its members and applications; apply for it.
    ReadOrganisation,
    /// Invite and remove an organisation's members.
    ManageOrganisation,
    /// Write a message about a submission (upload its files).
    WriteMessage,
    /// Work a case in clerk mode: read it with its internal notes and audit trail, assign it,
    /// write notes (staff of its authority only).
    WorkCase,
    /// Read an authority's inbox (its clerks and admins).
    ReadInbox,
}

/// What an endpoint acts on, as loaded (never as the client describes it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource<'a> {
    /// Public information.
    Public,
    /// A stored submission.
    Submission {
        /// Its reference number.
        reference: &'a str,
        /// The authority it was routed to.
        authority: &'a str,
        /// The generation of receipt tokens that opens it.
        generation: i64,
        /// Until when that generation's token is valid.
        valid_until: jiff::Timestamp,
        /// The Bürgerkonten it belongs to (submitted while signed in, or taken in).
        owners: &'a [String],
    },
    /// An authority (its settings).
    Authority {
        /// Its id.
        id: &'a str,
    },
    /// A citizen's account.
    Account {
        /// Its id.
        id: &'a str,
    },
    /// An organisation of the Bürgerkonto.
    Organisation {
        /// Its members: account id and whether they are its admins.
        members: &'a [(String, bool)],
    },
    /// A municipality's overlay of a form.
    Overlay {
        /// The municipality that owns the overlay.
        municipality: &'a str,
    },
}

/// Why the policy said no; the HTTP layer answers 401, 404 or 403.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denial {
    /// Credentials are needed (401).
    Unauthenticated,
    /// Answer as if the resource did not exist (404).
    NotFound,
    /// The actor is known and may not (403).
    Forbidden,
    /// A genuine receipt token whose time is over (401).
    Expired,
}

/// The access policy; holds the key that checks receipt tokens.
#[derive(Clone, Debug)]
pub struct Policy {
    receipts: AccessKey,
    token_days: u32,
}

/// How long a receipt token stays valid where its authority did not say.
pub const DEFAULT_RECEIPT_TOKEN_DAYS: u32 = 365;

impl Policy {
    /// A policy checking receipt tokens with `receipts`.
    pub fn new(receipts: AccessKey) -> Policy {
        Policy {
            receipts,
            token_days: DEFAULT_RECEIPT_TOKEN_DAYS,
        }
    }

    /// With another default lifetime of receipt tokens, in days.
    pub fn with_receipt_token_days(mut self, days: u32) -> Policy {
        self.token_days = days.max(1);
        self
    }

    /// The default lifetime of receipt tokens, in days.
    pub fn receipt_token_days(&self) -> u32 {
        self.token_days
    }

    /// The account `actor` may use: its own, if it is a signed-in citizen.
    pub fn own_account<'a>(&self, actor: &'a Actor) -> Result<&'a str, Denial> {
        let id = match actor {
            Actor::Citizen(c) => c.account.as_str(),
            _ => "",
        };
        self.check(actor, Action::UseAccount, &Resource::Account { id })?;
        Ok(id)
    }

    /// The staff member asking, for clerk mode: without credentials (or with a receipt token)
    /// 401, a citizen 403.
    pub fn staff_member<'a>(&self, actor: &'a Actor) -> Result<&'a super::Staff, Denial> {
        match actor {
            Actor::Staff(s) => Ok(s),
            Actor::Citizen(_) => Err(Denial::Forbidden),
            Actor::Anonymous | Actor::ReceiptHolder(_) => Err(Denial::Unauthenticated),
        }
    }

    /// The authorities whose inbox `actor` reads (where they are clerk or authority admin).
    pub fn inbox_authorities(&self, actor: &Actor) -> Result<Vec<String>, Denial> {
        let staff = self.staff_member(actor)?;
        let mut ids: Vec<String> = staff.roles.iter().map(|(a, _)| a.clone()).collect();
        ids.sort();
        ids.dedup();
        ids.retain(|id| {
            self.check(actor, Action::ReadInbox, &Resource::Authority { id })
                .is_ok()
        });
        Ok(ids)
    }

    /// The key receipt tokens are made with.
    pub fn receipt_key(&self) -> &AccessKey {
        &self.receipts
    }

    /// May `actor` do `action` to `resource`?
    pub fn check(
        &self,
        actor: &Actor,
        action: Action,
        resource: &Resource<'_>,
    ) -> Result<(), Denial> {
        use Action as A;
        match (action, resource) {
            (A::Browse | A::Submit | A::Upload, Resource::Public) => Ok(()),
            (
                A::ReadSubmission
                | A::PayFee
                | A::ChangeStatus
                | A::RenewAccess
                | A::ReadMessages
                | A::WriteMessage
                | A::WorkCase,
                Resource::Submission { .. },
            ) => self.submission(actor, action, resource),
            (A::ManageAuthority, Resource::Authority { id }) => match actor {
                Actor::Anonymous => Err(Denial::Unauthenticated),
                Actor::Staff(s)
                    if s.is_portal_admin() || s.role_at(id) == Some(Role::AuthorityAdmin) =>
                {
                    Ok(())
                }
                _ => Err(Denial::Forbidden),
            },
            (A::ReadInbox, Resource::Authority { id }) => match actor {
                Actor::Staff(s)
                    if s.role_at(id)
                        .is_some_and(|r| matches!(r, Role::Clerk | Role::AuthorityAdmin)) =>
                {
                    Ok(())
                }
                Actor::Anonymous | Actor::ReceiptHolder(_) => Err(Denial::Unauthenticated),
                _ => Err(Denial::Forbidden),
            },
            (A::UseAccount, Resource::Account { id }) => match actor {
                Actor::Citizen(c) if c.account == *id => Ok(()),
                // Another citizen's account is not there for them; staff have no business here.
                Actor::Citizen(_) => Err(Denial::NotFound),
                Actor::Staff(_) => Err(Denial::Forbidden),
                Actor::Anonymous | Actor::ReceiptHolder(_) => Err(Denial::Unauthenticated),
            },
            (A::ReadOrganisation | A::ManageOrganisation, Resource::Organisation { members }) => {
                match actor {
                    Actor::Citizen(c) => match members.iter().find(|(a, _)| *a == c.account) {
                        Some((_, admin)) if *admin || action == A::ReadOrganisation => Ok(()),
                        // A member who is not an admin.
                        Some(_) => Err(Denial::Forbidden),
                        // Outsiders learn nothing about it.
                        None => Err(Denial::NotFound),
                    },
                    Actor::Staff(_) => Err(Denial::Forbidden),
                    Actor::Anonymous | Actor::ReceiptHolder(_) => Err(Denial::Unauthenticated),
                }
            }
            (A::ReadOverlayStatus, Resource::Overlay { municipality }) => match actor {
                Actor::Anonymous => Err(Denial::Unauthenticated),
                Actor::Staff(s)
                    if s.is_portal_admin()
                        || s.role_at(municipality)
                            .is_some_and(|r| matches!(r, Role::Clerk | Role::AuthorityAdmin)) =>
                {
                    Ok(())
                }
                _ => Err(Denial::Forbidden),
            },
            // An action on a resource it does not apply to is a bug in the caller: refuse.
            _ => {
                tracing::error!(
                    ?action,
                    ?resource,
                    "access asked for an action on the wrong kind of resource"
                );
                Err(Denial::Forbidden)
            }
        }
    }

    fn submission(
        &self,
        actor: &Actor,
        action: Action,
        resource: &Resource<'_>,
    ) -> Result<(), Denial> {
        let Resource::Submission {
            reference,
            authority,
            generation,
            valid_until,
            owners,
        } = *resource
        else {
            return Err(Denial::Forbidden);
        };
        match actor {
            Actor::Anonymous => Err(Denial::Unauthenticated),
            Actor::ReceiptHolder(token) => {
                if !self.receipts.verify(reference, generation, &token.0) {
                    tracing::warn!(
                        target: "schalter::security",
                        event = "receipt_token_rejected",
                        reference,
                        "a receipt token that does not open this submission"
                    );
                    Err(Denial::NotFound)
                } else if jiff::Timestamp::now() >= valid_until {
                    tracing::info!(
                        target: "schalter::security",
                        event = "receipt_token_expired",
                        reference,
                        "an expired receipt token"
                    );
                    Err(Denial::Expired)
                } else if matches!(
                    action,
                    Action::ReadSubmission
                        | Action::PayFee
                        | Action::RenewAccess
                        | Action::ReadMessages
                        | Action::WriteMessage
                ) {
                    Ok(())
                } else {
                    Err(Denial::Forbidden)
                }
            }
            Actor::Staff(s) => match s.role_at(authority) {
                Some(Role::Clerk | Role::AuthorityAdmin) => Ok(()),
                _ => Err(Denial::NotFound),
            },
            // The account's own applications are read there (no token needed); anything else
            // looks like an unknown reference.
            Actor::Citizen(c) => {
                if owners.contains(&c.account)
                    && matches!(
                        action,
                        Action::ReadSubmission
                            | Action::PayFee
                            | Action::ReadMessages
                            | Action::WriteMessage
                    )
                {
                    Ok(())
                } else {
                    Err(Denial::NotFound)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::{Assurance, Citizen, ReceiptToken, Staff};

    fn staff(roles: &[(&str, Role)]) -> Actor {
        Actor::Staff(Staff {
            id: "s1".into(),
            roles: roles.iter().map(|(a, r)| ((*a).to_owned(), *r)).collect(),
        })
    }

    #[test]
    fn submissions_open_to_their_token_and_their_authority_only() {
        let key = AccessKey::from_bytes(b"0123456789abcdef0123456789abcdef");
        let policy = Policy::new(key.clone());
        let later = jiff::Timestamp::now()
            .checked_add(jiff::SignedDuration::from_hours(1))
            .unwrap();
        let sub = Resource::Submission {
            reference: "K7Q-M4T-XP9",
            authority: "ch:4001",
            generation: 1,
            valid_until: later,
            owners: &[],
        };
        let holder = Actor::ReceiptHolder(ReceiptToken(key.token("K7Q-M4T-XP9", 1)));
        let other_holder = Actor::ReceiptHolder(ReceiptToken(key.token("K7Q-M4T-XPA", 1)));
        let read = Action::ReadSubmission;
        let change = Action::ChangeStatus;
        assert_eq!(
            policy.check(&Actor::Anonymous, read, &sub),
            Err(Denial::Unauthenticated)
        );
        assert_eq!(policy.check(&holder, read, &sub), Ok(()));
        assert_eq!(policy.check(&holder, change, &sub), Err(Denial::Forbidden));
        // The receipt's holder pays the fee; another receipt's holder learns nothing.
        assert_eq!(policy.check(&holder, Action::PayFee, &sub), Ok(()));
        assert_eq!(
            policy.check(&other_holder, Action::PayFee, &sub),
            Err(Denial::NotFound)
        );
        assert_eq!(
            policy.check(&other_holder, read, &sub),
            Err(Denial::NotFound)
        );
        let clerk = staff(&[("ch:4001", Role::Clerk)]);
        assert_eq!(policy.check(&clerk, read, &sub), Ok(()));
        assert_eq!(policy.check(&clerk, change, &sub), Ok(()));
        let elsewhere = staff(&[("ch:4002", Role::AuthorityAdmin)]);
        assert_eq!(policy.check(&elsewhere, read, &sub), Err(Denial::NotFound));
        let admin = staff(&[("*", Role::PortalAdmin)]);
        assert_eq!(policy.check(&admin, read, &sub), Err(Denial::NotFound));
        let citizen = Actor::Citizen(Citizen {
            account: "a".into(),
            assurance: Assurance::High,
        });
        assert_eq!(policy.check(&citizen, read, &sub), Err(Denial::NotFound));

        // The holder may replace the token; then only the new generation opens it.
        assert_eq!(policy.check(&holder, Action::RenewAccess, &sub), Ok(()));
        assert_eq!(policy.check(&clerk, Action::RenewAccess, &sub), Ok(()));
        let renewed = Resource::Submission {
            reference: "K7Q-M4T-XP9",
            authority: "ch:4001",
            generation: 2,
            valid_until: later,
            owners: &[],
        };
        assert_eq!(policy.check(&holder, read, &renewed), Err(Denial::NotFound));
        let new_holder = Actor::ReceiptHolder(ReceiptToken(key.token("K7Q-M4T-XP9", 2)));
        assert_eq!(policy.check(&new_holder, read, &renewed), Ok(()));
        // An expired token is told so; staff are not bound by citizens' token lifetimes.
        let expired = Resource::Submission {
            reference: "K7Q-M4T-XP9",
            authority: "ch:4001",
            generation: 1,
            valid_until: jiff::Timestamp::now(),
            owners: &[],
        };
        assert_eq!(policy.check(&holder, read, &expired), Err(Denial::Expired));
        assert_eq!(
            policy.check(&other_holder, read, &expired),
            Err(Denial::NotFound)
        );
        assert_eq!(policy.check(&clerk, read, &expired), Ok(()));
    }

    #[test]
    fn authority_settings_are_for_its_admins() {
        let policy = Policy::new(AccessKey::from_bytes(b"k"));
        let r = Resource::Authority { id: "ch:4001" };
        let a = Action::ManageAuthority;
        assert_eq!(
            policy.check(&Actor::Anonymous, a, &r),
            Err(Denial::Unauthenticated)
        );
        assert_eq!(
            policy.check(&staff(&[("ch:4001", Role::AuthorityAdmin)]), a, &r),
            Ok(())
        );
        assert_eq!(
            policy.check(&staff(&[("*", Role::PortalAdmin)]), a, &r),
            Ok(())
        );
        assert_eq!(
            policy.check(&staff(&[("ch:4001", Role::Clerk)]), a, &r),
            Err(Denial::Forbidden)
        );
        assert_eq!(
            policy.check(&staff(&[("ch:4002", Role::AuthorityAdmin)]), a, &r),
            Err(Denial::Forbidden)
        );
    }

    #[test]
    fn overlay_status_is_for_the_municipality_and_portal_admins() {
        let policy = Policy::new(AccessKey::from_bytes(b"k"));
        let o = Resource::Overlay {
            municipality: "de:16077043",
        };
        let a = Action::ReadOverlayStatus;
        assert_eq!(
            policy.check(&Actor::Anonymous, a, &o),
            Err(Denial::Unauthenticated)
        );
        assert_eq!(
            policy.check(&staff(&[("de:16077043", Role::Clerk)]), a, &o),
            Ok(())
        );
        assert_eq!(
            policy.check(&staff(&[("*", Role::PortalAdmin)]), a, &o),
            Ok(())
        );
        assert_eq!(
            policy.check(&staff(&[("ch:4001", Role::AuthorityAdmin)]), a, &o),
            Err(Denial::Forbidden)
        );
        assert_eq!(
            policy.check(&Actor::ReceiptHolder(ReceiptToken("x".into())), a, &o),
            Err(Denial::Forbidden)
        );
    }

    #[test]
    fn public_actions_are_open_and_mismatches_refused() {
        let policy = Policy::new(AccessKey::from_bytes(b"k"));
        for action in [Action::Browse, Action::Submit, Action::Upload] {
            assert_eq!(
                policy.check(&Actor::Anonymous, action, &Resource::Public),
                Ok(())
            );
        }
        assert_eq!(
            policy.check(&Actor::Anonymous, Action::ReadSubmission, &Resource::Public),
            Err(Denial::Forbidden)
        );
    }
}
