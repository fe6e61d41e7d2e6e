import LeadModel
import Testing

/// How company names are normalised before they are compared.
struct CompanyNameTests {
    @Test(arguments: [
        ("Acme", "acme"), ("ACME Inc.", "acme"), ("Acme, Incorporated", "acme"), ("Acme Corp", "acme"),
        ("Acme Corporation", "acme"), ("Acme Co.", "acme"), ("Acme Company", "acme"), ("Acme LLC", "acme"),
        ("Acme L.L.C.", "acme"), ("Acme Ltd", "acme"), ("Acme Limited", "acme"), ("Acme PLC", "acme"),
        ("Acme GmbH", "acme"), ("Acme AG", "acme"), ("Acme SA", "acme"), ("Acme S.A.", "acme"),
        ("Acme S. A.", "acme"), ("Acme SAS", "acme"), ("Acme SARL", "acme"), ("Acme S.p.A.", "acme"),
        ("Acme SpA", "acme"), ("Acme S.r.l.", "acme"), ("Acme BV", "acme"), ("Acme B.V.", "acme"),
        ("Acme N.V.", "acme"), ("Acme Pty", "acme"), ("Acme Pty Ltd", "acme"), ("Acme Pty. Ltd.", "acme"),
        ("Acme KK", "acme"), ("Acme K.K.", "acme"), ("Acme Oy", "acme"), ("Acme Oyj", "acme"), ("Acme AB", "acme"),
        ("Acme AB (publ)", "acme"), ("Acme AS", "acme"), ("Acme A/S", "acme"), ("Acme ApS", "acme"),
        ("Acme Kft.", "acme"), ("Acme Sp. z o.o.", "acme"), ("Acme s.r.o.", "acme"), ("Acme GmbH & Co. KG", "acme"),
        ("Acme Co., Ltd.", "acme"), ("Acme Private Limited", "acme"), ("Acme Pvt. Ltd.", "acme"),
        ("Acme Sdn. Bhd.", "acme"), ("Acme S.A. de C.V.", "acme"), ("Acme Ltda.", "acme"), ("Acme SE", "acme"),
        ("PT Acme Tbk", "acme"), ("OOO Acme", "acme"), ("AB Volvo", "volvo"),
    ])
    func legalFormsAreCutInManyLanguages(_ name: String, _ expected: String) {
        #expect(CompanyName(name).normalized == expected)
    }

    @Test(arguments: [
        ("The Coca-Cola Company", "coca cola"), ("U.S. Bank", "us bank"), ("U. S. Bank N.A.", "us bank"),
        ("US Bank", "us bank"), ("AT&T", "at and t"), ("AT and T", "at and t"), ("AT & T Inc.", "at and t"),
        ("Johnson & Johnson", "johnson and johnson"), ("Smith & Co.", "smith"), ("J.P. Morgan", "jp morgan"),
        ("McDonald’s Corp.", "mcdonalds"), ("Société Générale", "societe generale"), ("Nestlé S.A.", "nestle"),
        ("Müller GmbH", "muller"), ("Straße AG", "strasse"), ("Øresund A/S", "oresund"), ("Łódź Sp. z o.o.", "lodz"),
        ("A.P. Møller - Mærsk A/S", "ap moller maersk"), ("ＡＣＭＥ", "acme"), ("  Acme \t  Widgets  ", "acme widgets"),
        ("Acme Intl", "acme international"), ("Acme Int'l Mfg", "acme international manufacturing"),
        ("Acme Svcs Grp", "acme services group"), ("Acme Technologies", "acme tech"), ("Acme Technology", "acme tech"),
        ("Acme Laboratories", "acme labs"), ("Acme Pharmaceuticals", "acme pharma"), ("Acme Bros.", "acme brothers"),
        ("Bank of America", "bank of america"), ("Co-operative Bank", "co operative bank"),
        ("Acme Holdings", "acme holdings"), ("Acme Group", "acme group"), ("Yahoo!", "yahoo"),
        ("1-800-Flowers.com, Inc.", "1 800 flowers com"),
    ])
    func spellingsOfOneNameNormaliseAlike(_ name: String, _ expected: String) {
        #expect(CompanyName(name).normalized == expected)
        #expect(CompanyName.normalize(name) == expected)
    }

    @Test(arguments: ["", "   ", "---", "'", "...", "\u{00A0}"])
    func aNameWithoutLettersOrDigitsIsEmpty(_ name: String) {
        let normalized = CompanyName(name)
        #expect(normalized.isEmpty)
        #expect(normalized.normalized == "" && normalized.compact == "")
        #expect(normalized.acronym == nil)
        #expect(normalized.original == name)
    }

    @Test func aNameOfLegalFormsKeepsItsLastWord() {
        #expect(CompanyName("Company Inc").normalized == "company")
        #expect(CompanyName("The Company").normalized == "company")
        #expect(CompanyName("Co., Ltd.").normalized == "co")
        #expect(CompanyName("AG").normalized == "ag")
        #expect(CompanyName("Inc.").normalized == "inc")
        #expect(CompanyName("The").normalized == "the")
        #expect(CompanyName("GmbH & Co. KG").normalized == "gmbh")
        #expect(CompanyName("&").normalized == "and")
    }

    @Test func legalFormsAreCutOnlyAtTheEnd() {
        #expect(CompanyName("Inc Magazine Group").normalized == "inc magazine group")
        #expect(CompanyName("SA Power Networks").normalized == "sa power networks")
        #expect(CompanyName("Ltd Edition Watches Ltd").normalized == "ltd edition watches")
    }

    @Test func lettersOutsideLatinAreKept() {
        #expect(CompanyName("東京電力株式会社").normalized == "東京電力株式会社")
        #expect(CompanyName("Газпром ООО").normalized == "газпром ооо")
        #expect(CompanyName("Ελληνικά Πετρέλαια").normalized == "ελληνικα πετρελαια")
        #expect(!CompanyName("🚀 Rocket").isEmpty)
    }

    @Test func acronymsAreTheInitialsOfTheSignificantWords() {
        #expect(CompanyName("International Business Machines Corporation").acronym == "ibm")
        #expect(CompanyName("Bank of America").acronym == "ba")
        #expect(CompanyName("The Home Depot, Inc.").acronym == "hd")
        #expect(CompanyName("Acme").acronym == nil)
        #expect(CompanyName("Coca-Cola").compact == "cocacola")
    }

    @Test func theOriginalIsKeptForDisplay() {
        let name = CompanyName("ACME, Inc.")
        #expect(name.original == "ACME, Inc.")
        #expect(name.description == "acme")
        #expect(name.tokens == ["acme"])
        #expect(CompanyName.legalSuffixes.contains("sp z oo"))
        #expect(CompanyName.abbreviations["intl"] == "international")
    }
}
