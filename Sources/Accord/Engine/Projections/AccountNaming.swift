import Foundation
import LeadModel

/// How a lead or an account-level deal makes and names the account it belongs to. One rule for
/// the engine's projections and for the account look-up that catches up without an engine
/// (``JournalReports/accountSummary(_:on:snapshots:)``), so both name accounts alike.
enum AccountNaming {
    /// The account after something that calls it `name` linked to it: made when it is new (with
    /// `domain`), given the name when it had none.
    ///
    /// - Returns: the account to store, or `nil` when the known one stays as it is.
    static func linked(_ known: Account?, id: AccountID, name: String?, domain: @autoclosure () -> String?)
        -> Account?
    {
        guard var account = known else { return Account(id: id, name: name, domain: domain()) }
        guard account.name == nil, let name else { return nil }
        account.name = name
        return account
    }

    /// Notes that `name` names the account `id`, unless an account carried that name (its
    /// ``LeadModel/AccountID/slug(_:)``) first. Names are never forgotten.
    static func note(_ name: String?, of id: AccountID, in byName: inout [String: AccountID]) {
        guard let name, let slug = AccountID.slug(name), byName[slug] == nil else { return }
        byName[slug] = id
    }

    /// The domain of an account a lead's email made: its id, when that is a domain.
    static func contactDomain(of id: AccountID) -> String? { id.rawValue.contains(".") ? id.rawValue : nil }

    /// The domain of an account a deal row named: its id, unless the row named it by company.
    static func dealDomain(of id: AccountID) -> String? { id.isNameOnly ? nil : id.rawValue }
}
