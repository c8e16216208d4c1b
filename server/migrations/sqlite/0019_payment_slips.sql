-- Paying by bank transfer: digits an authority puts in front of its payment references, and
-- the slip of each fee claim as it was issued with the receipt (account, creditor, reference),
-- so that a later change of the account cannot change or break a slip already given out.
ALTER TABLE authority_creditors ADD COLUMN reference_prefix TEXT NOT NULL DEFAULT '';
ALTER TABLE fee_claims ADD COLUMN slip TEXT;
