import LeadModel

/// One labelled pair: a lead's evidence, an account, and whether they belong together.
package struct AccountMatchingCase: Sendable, CustomStringConvertible {
    /// What the pair tests, unique within the fixture.
    package var name: String
    /// The lead's evidence.
    package var lead: AccountMatchInput
    /// The account it is compared with.
    package var account: AccountID
    /// Whether the lead belongs to the account.
    package var isMatch: Bool

    package var description: String { name }
}

/// The counts of an evaluation of the fixture at one threshold.
package struct AccountMatchingEvaluation: Sendable {
    package var truePositives: [AccountMatchingCase] = []
    package var falsePositives: [AccountMatchingCase] = []
    package var falseNegatives: [AccountMatchingCase] = []
    package var trueNegatives: [AccountMatchingCase] = []

    /// Predicted matches that are matches; 1 when nothing was predicted.
    package var precision: Double {
        let predicted = truePositives.count + falsePositives.count
        return predicted == 0 ? 1 : Double(truePositives.count) / Double(predicted)
    }

    /// Matches that were predicted; 1 when there are none.
    package var recall: Double {
        let actual = truePositives.count + falseNegatives.count
        return actual == 0 ? 1 : Double(truePositives.count) / Double(actual)
    }
}

/// Tricky lead/account pairs, each labelled, over one directory of accounts — shared by the
/// matcher's tests and `accord-bench account-matching`, so the benchmark's precision and recall
/// are those of the tested fixture.
///
/// The pairs cover subsidiaries, one name in two countries, acronyms, typos, legal forms in
/// several languages, `US Bank` / `U.S. Bank`, `AT&T` / `AT and T`, every way of writing a
/// domain, several domain aliases per company, free-mail leads, and different companies with
/// similar names (`Delta Air Lines` / `Delta Dental`).
package enum AccountMatchingFixture {
    /// The configuration the fixture is written for: default thresholds, with the alias and
    /// subsidiary tables.
    package static let configuration = AccountMatchingConfiguration(
        domainAliases: [
            .init(account: "acme", domains: ["acmecorp.com", "https://www.acme-corp.net/"]),
            .init(account: "jpmorgan", domains: ["chase.com"]),
        ],
        subsidiaries: [.init(account: "acme-de", parent: "acme"), .init(account: "acme-uk", parent: "acme")])

    /// The directory.
    package static let accounts: [AccountRecord] = [
        AccountRecord(
            id: "acme", name: "Acme Corporation", domains: ["acme.com", "acme.io"], website: "https://www.acme.com",
            phone: "+1 415 555 0100", postalCode: "94105", country: "US",
            standing: AccountStanding(contactCount: 40, hasOpenOpportunity: true)),
        AccountRecord(
            id: "acme-de", name: "Acme Deutschland GmbH", domains: ["acme.de"], phone: "+49 30 1234567",
            postalCode: "10115", country: "DE"),
        AccountRecord(id: "acme-uk", name: "Acme UK Limited", domains: ["acme.co.uk"], country: "GB"),
        AccountRecord(
            id: "acme-widgets", name: "Acme Widgets LLC", domains: ["acmewidgets.com"], phone: "(212) 555-0199",
            postalCode: "10001", country: "US"),
        AccountRecord(id: "acme-gadgets", name: "Acme Gadgets Inc", domains: ["acmegadgets.com"], country: "US"),
        AccountRecord(id: "globex", name: "Globex Corporation", domains: ["globex.com"], country: "US"),
        AccountRecord(id: "globex-gmbh", name: "Globex GmbH", domains: ["globex.de"], country: "DE"),
        AccountRecord(id: "us-bank", name: "U.S. Bank N.A.", domains: ["usbank.com"], country: "US"),
        AccountRecord(id: "us-foods", name: "US Foods Inc", domains: ["usfoods.com"], country: "US"),
        AccountRecord(id: "att", name: "AT&T Inc.", domains: ["att.com"], country: "US"),
        AccountRecord(
            id: "delta-air", name: "Delta Air Lines, Inc.", domains: ["delta.com"], postalCode: "30320",
            country: "US"),
        AccountRecord(
            id: "delta-dental", name: "Delta Dental Plans Association", domains: ["deltadental.com"], country: "US"),
        AccountRecord(
            id: "ibm", name: "International Business Machines Corporation", domains: ["ibm.com"],
            phone: "+1 914 499 1900", country: "US"),
        AccountRecord(
            id: "socgen", name: "Société Générale S.A.", domains: ["societegenerale.com", "socgen.com"], country: "FR"
        ),
        AccountRecord(id: "nestle", name: "Nestlé S.A.", domains: ["nestle.com"], country: "CH"),
        AccountRecord(
            id: "siemens", name: "Siemens AG", domains: ["siemens.com"], phone: "+49 89 636 00", country: "DE"),
        AccountRecord(id: "philips", name: "Philips N.V.", domains: ["philips.com"], country: "NL"),
        AccountRecord(id: "bhp", name: "BHP Group Pty Ltd", domains: ["bhp.com"], country: "AU"),
        AccountRecord(id: "hitachi", name: "Hitachi, Ltd.", domains: ["hitachi.com"], country: "JP"),
        AccountRecord(id: "nokia", name: "Nokia Oyj", domains: ["nokia.com"], country: "FI"),
        AccountRecord(id: "volvo", name: "AB Volvo", domains: ["volvogroup.com"], country: "SE"),
        AccountRecord(id: "maersk", name: "A.P. Møller - Mærsk A/S", domains: ["maersk.com"], country: "DK"),
        AccountRecord(id: "comarch", name: "Comarch Sp. z o.o.", domains: ["comarch.pl"], country: "PL"),
        AccountRecord(id: "ferrari", name: "Ferrari S.p.A.", domains: ["ferrari.com"], country: "IT"),
        AccountRecord(id: "richter", name: "Richter Gedeon Nyrt.", domains: ["richter.hu"], country: "HU"),
        AccountRecord(
            id: "jpmorgan", name: "JPMorgan Chase & Co.", domains: ["jpmorganchase.com", "jpmorgan.com"],
            country: "US"),
        AccountRecord(id: "intl-paper", name: "International Paper Company", domains: ["ipaper.com"], country: "US"),
        AccountRecord(id: "general-mfg", name: "General Mfg Services Inc", country: "US"),
        AccountRecord(id: "mcdonalds", name: "McDonald's Corporation", domains: ["mcdonalds.com"], country: "US"),
        AccountRecord(id: "cocacola", name: "The Coca-Cola Company", domains: ["coca-cola.com"], country: "US"),
        AccountRecord(
            id: "ccep", name: "Coca-Cola Europacific Partners PLC", domains: ["cocacolaep.com"], country: "GB"),
        AccountRecord(id: "hp", name: "HP Inc.", domains: ["hp.com"], country: "US"),
        AccountRecord(id: "hpe", name: "Hewlett Packard Enterprise", domains: ["hpe.com"], country: "US"),
        AccountRecord(id: "amex", name: "American Express Company", domains: ["americanexpress.com"], country: "US"),
        AccountRecord(id: "american-air", name: "American Airlines Group Inc.", domains: ["aa.com"], country: "US"),
        AccountRecord(id: "apple", name: "Apple Inc.", domains: ["apple.com"], country: "US"),
        AccountRecord(
            id: "apple-reit", name: "Apple Hospitality REIT, Inc.", domains: ["applehospitalityreit.com"],
            country: "US"),
        AccountRecord(id: "google", name: "Google LLC", domains: ["google.com", "gmail.com"], country: "US"),
        AccountRecord(id: "zenith", name: "Zenith Technologies Inc", domains: ["zenithtech.io"], country: "US"),
        AccountRecord(id: "alpine", name: "Alpine Partners LP", domains: ["alpinepartners.com"], country: "US"),
        AccountRecord(id: "fnb-omaha", name: "First National Bank of Omaha", domains: ["fnbo.com"], country: "US"),
        AccountRecord(id: "jnj", name: "Johnson & Johnson", domains: ["jnj.com"], country: "US"),
        AccountRecord(id: "boa", name: "Bank of America Corporation", domains: ["bankofamerica.com"], country: "US"),
        AccountRecord(id: "mitsubishi", name: "Mitsubishi Corporation", domains: ["mitsubishicorp.com"], country: "JP"),
        AccountRecord(id: "samsung", name: "Samsung Electronics Co., Ltd.", domains: ["samsung.com"], country: "KR"),
        AccountRecord(id: "microsoft", name: "Microsoft Corporation", domains: ["microsoft.com"], country: "US"),
        AccountRecord(id: "deutsche-bank", name: "Deutsche Bank AG", domains: ["db.com"], country: "DE"),
        AccountRecord(id: "deutsche-bahn", name: "Deutsche Bahn AG", domains: ["deutschebahn.com"], country: "DE"),
        AccountRecord(id: "inditex", name: "Industria de Diseño Textil, S.A.", domains: ["inditex.com"], country: "ES"),
    ]

    /// The labelled pairs.
    package static let cases: [AccountMatchingCase] = domainCases + nameCases + freeMailCases + lookalikeCases

    private static func pair(
        _ name: String, _ account: AccountID, _ isMatch: Bool, email: String? = nil, website: String? = nil,
        company: String? = nil, phone: String? = nil, postalCode: String? = nil, country: String? = nil
    ) -> AccountMatchingCase {
        AccountMatchingCase(
            name: name,
            lead: AccountMatchInput(
                email: email, website: website, company: company, phone: phone, postalCode: postalCode,
                country: country),
            account: account, isMatch: isMatch)
    }

    /// Domains written every way, aliases, subdomains, subsidiaries.
    private static let domainCases: [AccountMatchingCase] = [
        pair("email on the main domain", "acme", true, email: "ana@acme.com", company: "Acme"),
        pair("email on a record alias", "acme", true, email: "ana@acme.io"),
        pair("email on a playbook alias", "acme", true, email: "Ana@ACMECORP.com", company: "ACME Corp."),
        pair("website alias with scheme and path", "acme", true, website: "https://www.acme-corp.net/contact"),
        pair("email on a subdomain", "acme", true, email: "ana@eu.acme.com"),
        pair("bare website domain", "globex", true, website: "globex.com", company: "Globex"),
        pair("website with www", "globex", true, website: "www.globex.com"),
        pair("website with https and path", "globex", true, website: "https://globex.com/about?ref=ad"),
        pair("website with trailing dot and port", "globex", true, website: "HTTP://Globex.com.:8080"),
        pair("second alias of a bank", "jpmorgan", true, email: "li@chase.com", company: "Chase"),
        pair("alias of a French bank", "socgen", true, email: "luc@socgen.com", company: "SocGen", country: "FR"),
        pair("subsidiary by its own domain", "acme-de", true, email: "jan@acme.de", company: "Acme Deutschland"),
        pair(
            "subsidiary lead is not the parent", "acme", false, email: "jan@acme.de", company: "Acme Deutschland",
            country: "DE"),
        pair("UK subsidiary domain", "acme-uk", true, email: "amy@acme.co.uk", country: "UK"),
        pair("UK subsidiary lead is not the parent", "acme", false, email: "amy@acme.co.uk", country: "GB"),
        pair(
            "domain wins over a foreign office", "globex", true, email: "eva@globex.com", company: "Globex",
            country: "DE"),
        pair("website of one Delta, not the other", "delta-dental", false, website: "https://www.Delta.com/path"),
        pair("website of Delta Air Lines", "delta-air", true, website: "https://www.Delta.com/path", company: "Delta"),
        pair("other company's domain", "acme", false, email: "bo@acmewidgets.com", company: "Acme Widgets"),
        pair("lookalike domain is another account", "acme-widgets", false, email: "bo@acmegadgets.com"),
        pair("email of HPE is not HP", "hp", false, email: "kim@hpe.com", company: "HPE"),
        pair("email of HPE", "hpe", true, email: "kim@hpe.com", company: "HPE"),
    ]

    /// Names: legal forms, accents, acronyms, abbreviations, typos, one name in two countries.
    private static let nameCases: [AccountMatchingCase] = [
        pair("legal form Inc vs Corporation", "acme", true, company: "ACME Inc.", country: "US"),
        pair("legal form GmbH vs Corporation", "globex", true, company: "Globex GmbH", country: "US"),
        pair("same name, other country", "globex", false, company: "Globex GmbH", country: "DE"),
        pair("same name, own country", "globex-gmbh", true, company: "Globex", country: "Germany"),
        pair("same name, other country reversed", "globex-gmbh", false, company: "Globex Corp", country: "USA"),
        pair("dotted acronym", "us-bank", true, company: "US Bank", country: "US"),
        pair("spaced dotted acronym", "us-bank", true, company: "U. S. Bank"),
        pair("US Bank is not US Foods", "us-foods", false, company: "US Bank", country: "US"),
        pair("ampersand spelled out", "att", true, company: "AT and T", country: "US"),
        pair("ampersand kept", "att", true, company: "AT&T"),
        pair("airline spelled as one word", "delta-air", true, company: "Delta Airlines", country: "US"),
        pair("airline is not the dental plan", "delta-dental", false, company: "Delta Airlines", country: "US"),
        pair("dental plan is not the airline", "delta-air", false, company: "Delta Dental", country: "US"),
        pair("acronym with the domain", "ibm", true, email: "raj@ibm.com", company: "IBM"),
        pair("acronym with the phone", "ibm", true, company: "IBM", phone: "914-499-1900"),
        pair("acronym alone is not enough", "ibm", true, company: "IBM", country: "US"),
        pair("name written out", "ibm", true, company: "International Business Machines"),
        pair("accents dropped", "socgen", true, company: "Societe Generale", country: "FR"),
        pair("accents and S.A.", "socgen", true, company: "Société Générale SA"),
        pair("accent on one side", "nestle", true, company: "Nestle", country: "Switzerland"),
        pair("German AG and typo with phone", "siemens", true, company: "Siemans AG", phone: "+49 89 63600"),
        pair("typo without other evidence", "siemens", true, company: "Siemans"),
        pair("Dutch N.V. vs NV", "philips", true, company: "Philips NV", country: "NL"),
        pair("Pty Ltd vs Limited", "bhp", true, company: "BHP Group Limited", country: "AU"),
        pair("Japanese K.K. vs Ltd", "hitachi", true, company: "Hitachi K.K.", country: "JP"),
        pair("Finnish Oyj vs Corporation", "nokia", true, company: "Nokia Corporation", country: "FI"),
        pair("Swedish AB in front", "volvo", true, company: "Volvo AB", country: "SE"),
        pair("Danish A/S and letters", "maersk", true, company: "AP Moller Maersk", country: "DK"),
        pair("Polish Sp. z o.o.", "comarch", true, company: "Comarch", country: "PL"),
        pair("Italian S.p.A. vs SpA", "ferrari", true, company: "Ferrari SpA", country: "IT"),
        pair("Hungarian Nyrt., words reversed", "richter", true, company: "Gedeon Richter Nyrt", country: "HU"),
        pair("Spanish S.A. and accent", "inditex", true, company: "Industria de Diseno Textil SA", country: "ES"),
        pair("dotted initials closed up", "jpmorgan", true, company: "J.P. Morgan Chase", country: "US"),
        pair("Intl and Co", "intl-paper", true, company: "Intl Paper Co", country: "US"),
        pair("Mfg and Svcs", "general-mfg", true, company: "General Manufacturing Svcs", country: "US"),
        pair("apostrophe", "mcdonalds", true, company: "McDonalds Corp", country: "US"),
        pair("leading The and hyphen", "cocacola", true, company: "Coca Cola", country: "US"),
        pair("hyphen closed up", "cocacola", true, company: "Cocacola"),
        pair("Tech vs Technologies", "zenith", true, company: "Zenith Tech", country: "US"),
        pair("typo and country", "google", true, company: "Gooogle", country: "US"),
        pair("space inside a word", "microsoft", true, company: "Micro Soft Corp", country: "US"),
        pair("subdomain under a country domain", "acme-uk", true, email: "li@mail.acme.co.uk"),
        pair(
            "typo in first word with postal code", "acme-widgets", true, company: "Acne Widgets",
            postalCode: "10001-2203"),
        pair("typo in second word", "acme-widgets", true, company: "Acme Wigdets", phone: "212 555 0199"),
        pair("typo with postal code", "acme-widgets", true, company: "Acme Wigdets LLC", postalCode: "10001"),
    ]

    /// Free-mail leads: matched by name and phone or postal code, never by the email domain.
    private static let freeMailCases: [AccountMatchingCase] = [
        pair(
            "free mail, name and phone", "siemens", true, email: "ana@gmail.com", company: "Siemens",
            phone: "+49 (0)89 63600"),
        pair(
            "free mail, name and country", "acme-uk", true, email: "bob@yahoo.co.uk", company: "Acme UK Ltd",
            country: "GB"),
        pair(
            "free mail, subsidiary name is not the parent", "acme", false, email: "bob@yahoo.co.uk",
            company: "Acme UK Ltd", country: "GB"),
        pair(
            "free mail, name and postal code", "acme-widgets", true, email: "x@hotmail.com", company: "Acme Widgets",
            postalCode: "10001"),
        pair(
            "free mail listed as a domain of an account", "google", false, email: "pat@gmail.com",
            company: "Freelance Design"),
        pair("free mail only", "google", false, email: "pat@gmail.com"),
        pair("free mail, no company", "acme", false, email: "pat@outlook.com", country: "US"),
        pair("free mail with an unrelated name", "acme", false, email: "pat@gmx.de", company: "Bäckerei Schmidt"),
        pair(
            "free mail, exact name", "delta-air", true, email: "sam@aol.com", company: "Delta Air Lines", country: "US"),
    ]

    /// Different companies with similar names.
    private static let lookalikeCases: [AccountMatchingCase] = [
        pair("one word differs", "acme-gadgets", false, company: "Acme Widgets", country: "US"),
        pair("parent name is not the subsidiary", "acme-widgets", false, company: "Acme", country: "US"),
        pair("shorter name of the parent", "acme", true, company: "Acme", country: "US"),
        pair("similar first word", "alpine", false, company: "Alpha Partners", country: "US"),
        pair("American Express is not American Airlines", "american-air", false, company: "American Express"),
        pair("American Airlines is not American Express", "amex", false, company: "American Airlines", country: "US"),
        pair("Apple is not the hospitality trust", "apple-reit", false, company: "Apple", country: "US"),
        pair("Apple hospitality is not Apple", "apple", false, company: "Apple Hospitality", country: "US"),
        pair("plain Apple", "apple", true, company: "Apple", country: "US"),
        pair("HP is not HPE", "hpe", false, company: "HP", country: "US"),
        pair("Hewlett Packard Enterprise is not HP", "hp", false, company: "Hewlett-Packard Enterprise"),
        pair("a bank of the same words", "fnb-omaha", false, company: "First National Bank", country: "US"),
        pair("Johnson Controls is not J&J", "jnj", false, company: "Johnson Controls", country: "US"),
        pair("Bank of the West is not Bank of America", "boa", false, company: "Bank of the West", country: "US"),
        pair("group member is not the trading house", "mitsubishi", false, company: "Mitsubishi UFJ Financial Group"),
        pair("Samsung SDS is not Samsung Electronics", "samsung", false, company: "Samsung SDS"),
        pair("bottler is not the brand", "ccep", false, company: "The Coca-Cola Company", country: "US"),
        pair("brand is not the bottler", "cocacola", false, company: "Coca-Cola Europacific Partners"),
        pair("listed subsidiary is not the parent", "siemens", false, company: "Siemens Healthineers", country: "DE"),
        pair("one letter apart in the second word", "deutsche-bahn", false, company: "Deutsche Bank", country: "DE"),
        pair("one letter apart, reversed", "deutsche-bank", false, company: "Deutsche Bahn AG", country: "DE"),
        pair("phone only, other name", "acme", false, company: "Initech", phone: "+1 (415) 555-0100"),
    ]

    /// Scores every pair with `matcher` (built over ``accounts``) and splits them by whether the
    /// pair's confidence reaches `threshold`.
    ///
    /// - Parameters:
    ///   - matcher: A matcher over the fixture's accounts.
    ///   - threshold: The confidence that counts as a predicted match; the matcher's match
    ///     threshold by default.
    /// - Returns: The pairs by outcome.
    package static func evaluate(_ matcher: AccountMatcher, threshold: Double? = nil) -> AccountMatchingEvaluation {
        let threshold = threshold ?? matcher.configuration.matchThreshold
        var evaluation = AccountMatchingEvaluation()
        for pair in cases {
            let confidence = matcher.candidate(pair.lead, for: pair.account)?.confidence ?? 0
            switch (confidence >= threshold, pair.isMatch) {
            case (true, true): evaluation.truePositives.append(pair)
            case (true, false): evaluation.falsePositives.append(pair)
            case (false, true): evaluation.falseNegatives.append(pair)
            case (false, false): evaluation.trueNegatives.append(pair)
            }
        }
        return evaluation
    }

    /// A matcher over the fixture's accounts with its configuration.
    package static func matcher() -> AccountMatcher {
        AccountMatcher(accounts: accounts, configuration: configuration)
    }
}
