import Foundation
import LeadModel

/// A CRM's standard export of people, recognised by its header, and what its own columns mean.
///
/// The automatic mapping already reads the common headers of these exports (`First Name`,
/// `Email`, `Phone Number`, `Company Name`, `Job Title`, `Lead Source`, `Create Date`,
/// `Created Date`, `Lifecycle Stage`, `Company / Account`); a profile adds what only the
/// vendor's header says: whose id a column holds (HubSpot's `Record ID` is `external:hubspot`,
/// Salesforce's `Lead ID` and `Contact ID` are `external:salesforce`, not Accord's lead id), and
/// columns that would otherwise collide (Salesforce's `Mobile` next to `Phone`).
///
/// A profile applies when the header has all of its ``signature`` columns; a mapping's named
/// columns win over it. ``recognise(_:kind:)`` finds it.
public struct ImportExportProfile: Hashable, Sendable {
    /// The export's name, such as `HubSpot contacts`.
    public let name: String
    /// The headers (letters and digits, lowercased) that together identify the export.
    public let signature: Set<String>
    /// Headers (letters and digits, lowercased) → their target in this export.
    let columns: [String: ImportTarget]

    /// HubSpot's contacts export (CRM → Contacts → Export): `Record ID`, `First Name`, `Last
    /// Name`, `Email`, `Phone Number`, `Company Name`, `Job Title`, `Lifecycle Stage`, `Lead
    /// Status`, `Contact owner`, `Create Date`, `Original Source`, …
    public static let hubSpotContacts = ImportExportProfile(
        name: "HubSpot contacts", signature: ["recordid", "lifecyclestage"],
        columns: [
            "recordid": ImportTarget(.externalID(system: "hubspot")),
            "contactid": ImportTarget(.externalID(system: "hubspot")),
        ])

    /// A Salesforce Leads report: `Lead ID`, `First Name`, `Last Name`, `Title`, `Company /
    /// Account`, `Email`, `Phone`, `Mobile`, `Lead Source`, `Lead Status`, `Lead Owner`,
    /// `Created Date`, …
    public static let salesforceLeads = ImportExportProfile(
        name: "Salesforce leads", signature: ["leadid", "leadsource"],
        columns: [
            "leadid": ImportTarget(.externalID(system: "salesforce")),
            "mobile": ImportTarget(.attribute("mobile")),
        ])

    /// A Salesforce Contacts report: `Contact ID`, `First Name`, `Last Name`, `Title`, `Account
    /// Name`, `Email`, `Phone`, `Mobile`, `Lead Source`, `Contact Owner`, `Created Date`, …
    public static let salesforceContacts = ImportExportProfile(
        name: "Salesforce contacts", signature: ["contactid", "accountname"],
        columns: [
            "contactid": ImportTarget(.externalID(system: "salesforce")),
            "mobile": ImportTarget(.attribute("mobile")),
        ])

    /// Every recognised export, in the order they are tried.
    public static let all: [ImportExportProfile] = [hubSpotContacts, salesforceLeads, salesforceContacts]

    /// The export a header comes from, if it is one Accord knows.
    ///
    /// - Parameters:
    ///   - header: The CSV header's column names.
    ///   - kind: The kind of import; only leads imports have profiles.
    /// - Returns: The first profile whose ``signature`` columns the header all has, else `nil`.
    public static func recognise(_ header: [String], kind: ImportKind) -> ImportExportProfile? {
        guard kind == .leads else { return nil }
        let keys = Set(header.map(key))
        return all.first { $0.signature.isSubset(of: keys) }
    }

    /// This export's own target for a column, or `nil` when the automatic rules decide.
    ///
    /// - Parameter column: The header.
    /// - Returns: The target.
    public func target(for column: String) -> ImportTarget? { columns[Self.key(column)] }

    /// A header's letters and digits, lowercased: `Company / Account` → `companyaccount`.
    static func key(_ header: String) -> String {
        String(header.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}
