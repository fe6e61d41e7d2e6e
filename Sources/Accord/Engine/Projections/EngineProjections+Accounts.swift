import Foundation
import LeadModel

extension EngineProjections {
    /// Links a lead to its account, making the account on first sight.
    mutating func linkAccount(of id: LeadID) {
        guard let state = leads[id] else { return }
        let lead = state.lead
        guard let accountID = lead.accountID else {
            // A reviewer rejected the lead's only account.
            if let previous = accountOfLead.removeValue(forKey: id) { contactsByAccount[previous]?.remove(id) }
            return
        }
        if let previous = accountOfLead[id], previous != accountID {
            contactsByAccount[previous]?.remove(id)
        }
        accountOfLead[id] = accountID
        contactsByAccount[accountID, default: []].insert(id)
        let known = accounts[accountID]
        if let linked = AccountNaming.linked(
            known, id: accountID, name: lead.company, domain: AccountNaming.contactDomain(of: accountID))
        {
            accounts[accountID] = linked
        }
        // A company the account is already named after was noted when the name was set: most
        // leads of an account skip working out its slug.
        if known?.name != lead.company { AccountNaming.note(lead.company, of: accountID, in: &accountsByName) }
        if accountMatching != nil, let account = accounts[accountID] {
            accountMatching?.note(account, contact: (lead, state.createdAt))
        }
    }

    /// Folds one event of an account's deal stream.
    mutating func foldAccountDeal(_ event: LeadEvent, of account: AccountID) {
        accountDeals[account, default: AccountDeals(account: account)].apply(event)
        guard case .opportunityOpened(let deal) = event.payload else { return }
        if let linked = AccountNaming.linked(
            accounts[account], id: account, name: deal.accountName, domain: AccountNaming.dealDomain(of: account))
        {
            accounts[account] = linked
            accountMatching?.note(linked)
        }
        AccountNaming.note(deal.accountName, of: account, in: &accountsByName)
    }

    /// The account a CRM names by `text`: one the journal knows, or the id a new one gets (see
    /// ``AlignmentEngine/resolveAccount(_:)``).
    func resolveAccount(_ text: String) -> AccountID? {
        if let domain = AccountID.domain(text) { return domain }
        guard let slug = AccountID.slug(text) else { return nil }
        return accountsByName[slug] ?? AccountID(rawValue: "name:" + slug)
    }
}
