import Foundation
public import LeadModel

extension AlignmentEngine {
    /// An account's own deals (deals with no contact, such as a CRM export's account-level
    /// deals), in the order they were opened; empty when it has none.
    ///
    /// Deals opened on the account's leads are on the leads (``LeadModel/LeadState/opportunity``).
    ///
    /// - Parameter account: the account.
    /// - Returns: each deal with who recorded it and why.
    public func deals(of account: AccountID) -> [AccountDeals.Deal] {
        projections.accountDeals[account]?.deals ?? []
    }

    /// The account a CRM names by `text`: one the journal knows, or the id a new one gets.
    ///
    /// A domain (`acme.com`, `https://www.acme.com`) is the account's id, as leads' email domains
    /// are. A company name finds the account whose name has the same slug (case, spacing and
    /// punctuation aside: `ACME, Inc.` finds `Acme Inc`), else names a new account
    /// `name:<slug>` (``LeadModel/AccountID/named(_:)``).
    ///
    /// - Parameter text: a domain or a company name.
    /// - Returns: the account's id, or `nil` when `text` has no letter or digit.
    public func resolveAccount(_ text: String) -> AccountID? {
        projections.resolveAccount(text)
    }
}

extension AlignmentEngine {
    /// The account `text` names, as `accord account show` shows it: an account id as written
    /// (lowercased) when the engine knows it, otherwise the account ``resolveAccount(_:)`` finds;
    /// with its leads, rolled-up score and own deals. ``JournalReports/accountSummary(_:on:snapshots:)``
    /// gives the same answer without an engine.
    ///
    /// - Parameter text: the account's id, domain or name.
    /// - Returns: the summary, or `nil` when no account answers to `text`.
    public func accountSummary(_ text: String) -> AccountSummary? {
        var id = AccountID(text.lowercased())
        if account(id) == nil, let resolved = resolveAccount(text) { id = resolved }
        guard let account = account(id) else { return nil }
        return AccountSummary(
            account: account, contacts: contacts(of: id), score: accountScore(id), deals: deals(of: id))
    }
}
