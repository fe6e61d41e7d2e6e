extension CompanyName {
    /// The legal forms cut from the end of a name, as normalised words (dots closed up, `&` read
    /// as `and`).
    ///
    /// English (`inc`, `incorporated`, `corp`, `corporation`, `co`, `company`, `llc`, `llp`,
    /// `lp`, `ltd`, `limited`, `plc`), German-speaking (`gmbh`, `ag`, `kg`, `kgaa`, `ohg`, `ug`,
    /// `ev`, `mbh`), French (`sa`, `sas`, `sasu`, `sarl`, `eurl`, `snc`), Italian (`spa`, `srl`,
    /// `sapa`), Spanish and Portuguese (`sl`, `slu`, `sau`, `ltda`, `lda`, `sa de cv`),
    /// Benelux (`bv`, `nv`, `vof`, `bvba`), Nordic (`ab`, `publ`, `as`, `asa`, `aps`, `oy`, `oyj`,
    /// `hf`), Central European (`sp z oo`, `sa`, `sro`, `as`, `kft`, `zrt`, `nyrt`, `doo`, `dd`
    /// ), the EU's `se`, Australian (`pty`), Japanese (`kk`, `gk`, `yk`), Asian (`pte`, `pvt`,
    /// `private limited`, `sdn bhd`, `bhd`, `tbk`), Russian (`ooo`, `zao`, `oao`, `pao`), and a US
    /// national bank's `na`. Not among them: `group` and `holdings`, which name different
    /// entities, and short forms that are also words (`ad`).
    public static let legalSuffixes: Set<String> = Set(legalSuffixSequences.map { $0.joined(separator: " ") })

    /// The legal forms as word sequences, longest first so that `sp z oo` is cut before `oo`.
    static let legalSuffixSequences: [[String]] = {
        let words = [
            "inc", "incorporated", "corp", "corporation", "co", "company", "llc", "llp", "lp", "ltd", "limited",
            "plc", "gmbh", "mbh", "ag", "kg", "kgaa", "ohg", "ug", "ev", "sa", "sas", "sasu", "sarl", "eurl", "snc",
            "spa", "srl", "sapa", "sl", "slu", "sau", "ltda", "lda", "bv", "nv", "vof", "bvba", "ab", "publ", "as",
            "asa", "aps", "oy", "oyj", "hf", "sro", "kft", "zrt", "nyrt", "doo", "dd", "na", "se", "pty", "kk", "gk",
            "yk", "pte", "pvt", "bhd", "tbk", "ooo", "zao", "oao", "pao",
        ]
        let phrases = [
            ["sp", "z", "oo"], ["spzoo"], ["private", "limited"], ["sdn", "bhd"], ["sa", "de", "cv"],
            ["s", "de", "rl"], ["sapi", "de", "cv"], ["kabushiki", "kaisha"], ["aktiengesellschaft"],
            ["gesellschaft", "mit", "beschrankter", "haftung"], ["societe", "anonyme"],
        ]
        return (phrases + words.map { [$0] }).sorted { $0.count > $1.count }
    }()

    /// Abbreviations written out, and variants read as one word.
    ///
    /// Chosen so that the two sides of a pair can only mean the same thing in a company name:
    /// `intl`/`int'l` → `international`, `mfg` → `manufacturing`, `svcs`/`svc` → `services`,
    /// `grp` → `group`, `natl` → `national`, `bros` → `brothers`, `hldgs` → `holdings`,
    /// `mgmt` → `management`, `assn` → `association`, `univ` → `university`, `solns` →
    /// `solutions`, `centre`/`ctr` → `center`; `technology`, `technologies` and `tech` all read
    /// `tech`; `laboratory`, `laboratories` and `lab` read `labs`; `pharmaceutical(s)` reads
    /// `pharma`. Ambiguous short forms (`st` for saint or street, `assoc` for associates or
    /// association, `ins`) are left alone.
    public static let abbreviations: [String: String] = [
        "intl": "international", "intnl": "international", "mfg": "manufacturing", "mfrs": "manufacturers",
        "svcs": "services", "svc": "services", "srvcs": "services", "grp": "group", "natl": "national",
        "bros": "brothers", "hldgs": "holdings", "hldg": "holding", "mgmt": "management", "assn": "association",
        "univ": "university", "solns": "solutions", "ctr": "center", "centre": "center", "technology": "tech",
        "technologies": "tech", "techs": "tech", "laboratory": "labs", "laboratories": "labs", "lab": "labs",
        "pharmaceutical": "pharma", "pharmaceuticals": "pharma",
    ]
}
