extension FreeMailDomains {
    /// The built-in free-mail, consumer-ISP and disposable domains, lowercased.
    ///
    /// Country variants of large providers are also matched through ``builtInFamilies``, so this
    /// list only spells out the most common ones. Changes to this list change which leads get an
    /// account; note them in the changelog.
    public static let builtIn: Set<String> = [
        // Google
        "gmail.com", "googlemail.com",
        // Microsoft
        "outlook.com", "hotmail.com", "hotmail.co.uk", "hotmail.fr", "hotmail.de", "hotmail.it",
        "hotmail.es", "live.com", "live.co.uk", "live.fr", "live.nl", "msn.com", "passport.com",
        "windowslive.com",
        // Yahoo / AOL / Verizon
        "yahoo.com", "yahoo.co.uk", "yahoo.co.jp", "yahoo.co.in", "yahoo.fr", "yahoo.de",
        "yahoo.es", "yahoo.it", "yahoo.com.br", "yahoo.com.au", "yahoo.ca", "ymail.com",
        "rocketmail.com", "aol.com", "aim.com", "verizon.net",
        // Apple
        "icloud.com", "me.com", "mac.com",
        // Privacy-focused and independent providers
        "proton.me", "protonmail.com", "protonmail.ch", "pm.me", "tutanota.com", "tutanota.de",
        "tuta.io", "tutamail.com", "fastmail.com", "fastmail.fm", "hey.com", "zoho.com",
        "zohomail.com", "mailbox.org", "posteo.de", "posteo.net", "runbox.com", "hushmail.com",
        "startmail.com", "disroot.org", "riseup.net", "mail.com", "email.com", "usa.com",
        "inbox.com", "lycos.com", "rediffmail.com",
        // Germany, Austria, Switzerland
        "gmx.de", "gmx.net", "gmx.at", "gmx.ch", "gmx.com", "web.de", "t-online.de",
        "freenet.de", "arcor.de", "bluewin.ch",
        // France, Italy, Spain, Benelux, Nordics
        "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr", "neuf.fr", "libero.it",
        "virgilio.it", "tiscali.it", "alice.it", "telefonica.net", "terra.es", "skynet.be",
        "telenet.be", "ziggo.nl", "kpnmail.nl", "planet.nl", "home.nl", "online.no",
        "telia.com",
        // United Kingdom and Ireland
        "btinternet.com", "sky.com", "virginmedia.com", "ntlworld.com", "talktalk.net",
        "blueyonder.co.uk", "eircom.net",
        // North America
        "comcast.net", "att.net", "sbcglobal.net", "bellsouth.net", "cox.net", "charter.net",
        "earthlink.net", "juno.com", "netzero.net", "optonline.net", "shaw.ca", "rogers.com",
        "sympatico.ca", "videotron.ca",
        // Russia and neighbours
        "mail.ru", "inbox.ru", "list.ru", "bk.ru", "yandex.ru", "yandex.com", "ya.ru",
        "rambler.ru", "ukr.net",
        // Asia-Pacific and Latin America
        "qq.com", "163.com", "126.com", "yeah.net", "sina.com", "sina.cn", "sohu.com",
        "aliyun.com", "foxmail.com", "naver.com", "hanmail.net", "daum.net", "nate.com",
        "bigpond.com", "bigpond.net.au", "optusnet.com.au", "xtra.co.nz", "uol.com.br",
        "bol.com.br", "terra.com.br", "ig.com.br",
        // Disposable and throwaway
        "mailinator.com", "guerrillamail.com", "guerrillamail.net", "sharklasers.com",
        "10minutemail.com", "temp-mail.org", "tempmail.com", "throwawaymail.com",
        "yopmail.com", "yopmail.fr", "trashmail.com", "getnada.com", "dispostable.com",
        "maildrop.cc", "mailnesia.com", "mintemail.com", "fakeinbox.com", "spambog.com",
        "emailondeck.com", "mohmal.com", "mailcatch.com", "tempail.com", "burnermail.io",
        "33mail.com", "anonaddy.me", "duck.com", "simplelogin.com", "relay.firefox.com",
        "mozmail.com", "privaterelay.appleid.com",
    ]
}
