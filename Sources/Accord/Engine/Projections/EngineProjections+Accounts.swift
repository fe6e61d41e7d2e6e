import Foundation
import LeadModel

extension EngineProjections {
    /// Links a lead to its account, making the account on first sight.
    mutating func linkAccount(of id: LeadID) {
        guard let lead = leads[id]?.lead, let accountID = lead.accountID else { return }
        if let previous = accountOfLead[id], previous != accountID {
            contactsByAccount[previous]?.remove(id)
        }
        accountOfLead[id] = accountID
        contactsByAccount[accountID, default: []].insert(id)
        // nil: a new account; .some(nil): known, without a name.
        let knownName = accounts[accountID].map(\.name)
        switch knownName {
        case .none:
            let domain = accountID.rawValue.contains(".") ? accountID.rawValue : nil
            accounts[accountID] = Account(id: accountID, name: lead.company, domain: domain)
        case .some(.none):
            if let company = lead.company { accounts[accountID]?.name = company }
        case .some(.some):
            break
        }
        // A company the account is already named after had its slug noted when the name was
        // set, and names are never forgotten: most leads of an account skip the slug.
        if let company = lead.company, knownName != .some(company), let slug = AccountID.slug(company),
            accountsByName[slug] == nil
        {
            accountsByName[slug] = accountID
        }
    }

    /// Folds one event of an account's deal stream.
    mutating func foldAccountDeal(_ event: LeadEvent, of account: AccountID) {
        accountDeals[account, default: AccountDeals(account: account)].apply(event)
        guard case .opportunityOpened(let deal) = event.payload else { return }
        if accounts[account] == nil {
            accounts[account] = Account(
                id: account, name: deal.accountName, domain: account.isNameOnly ? nil : account.rawValue)
        } else if accounts[account]?.name == nil, let name = deal.accountName {
            accounts[account]?.name = name
        }
        if let name = deal.accountName, let slug = AccountID.slug(name), accountsByName[slug] == nil {
            accountsByName[slug] = account
        }
    }

    /// The account a CRM names by `text`: one the journal knows, or the id a new one gets (see
    /// ``AlignmentEngine/resolveAccount(_:)``).
    func resolveAccount(_ text: String) -> AccountID? {
        if let domain = AccountID.domain(text) { return domain }
        guard let slug = AccountID.slug(text) else { return nil }
        return accountsByName[slug] ?? AccountID(rawValue: "name:" + slug)
    }
}
