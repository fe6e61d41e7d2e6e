/// A sales territory: a country, optionally narrowed to postal-code prefixes, and the reps who
/// cover it in order of preference.
///
/// A territory with no country covers every lead: list it last as the catch-all.
public struct Territory: Hashable, Sendable {
    /// The territory's name, recorded in the routing trail (`territory:berlin`).
    public var name: String
    /// The ISO country code the territory covers (`"DE"`), or `nil` for every country.
    public var country: String?
    /// Postal-code prefixes within the country (`["10", "12"]`); empty covers the whole country.
    public var postalPrefixes: [String]
    /// The reps who cover the territory, by id, in order of preference on equal loads.
    public var reps: [String]

    /// Makes a territory.
    ///
    /// - Parameters:
    ///   - name: the name recorded in the routing trail.
    ///   - country: the ISO country code, or `nil` for a catch-all territory.
    ///   - postalPrefixes: postal-code prefixes within the country; the whole country by default.
    ///   - reps: the reps who cover it, in order of preference.
    public init(name: String, country: String?, postalPrefixes: [String] = [], reps: [String]) {
        self.name = name
        self.country = country?.uppercased()
        self.postalPrefixes = postalPrefixes.map { $0.uppercased() }
        self.reps = reps
    }

    /// Whether the territory covers a lead, and how specifically.
    ///
    /// - Parameters:
    ///   - country: the lead's ISO country code, upper-cased.
    ///   - postalCode: the lead's postal code, upper-cased, without spaces.
    /// - Returns: `nil` when the territory does not cover the lead; otherwise how specific the
    ///   match is (a catch-all 0, a whole country 1, a longer prefix more) and what matched, in
    ///   words. The postal code itself is not repeated: the trail is stored in the journal.
    func coverage(country: String?, postalCode: String?) -> (specificity: Int, detail: String)? {
        guard let covered = self.country else { return (0, "catch-all: covers every country") }
        guard country == covered else { return nil }
        if postalPrefixes.isEmpty { return (1, "country \(covered)") }
        guard let postalCode,
            let prefix = postalPrefixes.filter({ postalCode.hasPrefix($0) }).max(by: { $0.count < $1.count })
        else { return nil }
        return (1 + prefix.count, "country \(covered), postal code starts with \(prefix)")
    }
}
