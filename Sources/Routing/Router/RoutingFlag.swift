public import LeadModel

/// A notable fact about a routing decision that the host may act on, such as notifying someone.
///
/// A string, so that routers written by others can add their own flags.
public struct RoutingFlag: StringIdentifier {
    /// The flag's name (`"active-opportunity"`).
    public var rawValue: String

    /// Makes a flag from its name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The lead's account has an active opportunity; the lead went to the opportunity's owner.
    public static let activeOpportunity: RoutingFlag = "active-opportunity"
    /// The lead went to its account's existing owner.
    public static let accountOwner: RoutingFlag = "account-owner"
    /// The account owner was away past the first-touch deadline; the lead went to their backup
    /// or was routed by the rules (``OwnerAwayPolicy``).
    public static let ownerAway: RoutingFlag = "owner-away"
    /// Nobody was within working hours; the lead went to the coverage queue.
    public static let coverage: RoutingFlag = "coverage"
    /// Nobody was eligible; the lead went to the unassigned queue. The engine should notify.
    public static let unassigned: RoutingFlag = "unassigned"
}
