/// The command line of `accord-bench`, parsed by hand with no dependencies.
struct BenchOptions: Equatable, Sendable {
    /// What to do.
    enum Action: Equatable, Sendable {
        /// Run these benchmarks (all when empty).
        case run([String])
        /// Print the benchmark names with their summaries.
        case list
        /// Print usage.
        case help
    }

    var action: Action = .run([])
    /// `--count N`: the scale every benchmark runs at instead of its own default.
    var count: Int?
    /// `--dir PATH`: where scratch directories go instead of a new temporary directory.
    var directory: String?
    /// `--no-baseline`: skip the SQLite comparisons.
    var baselines = true

    static let usage = """
        USAGE: accord-bench [--list] [--help] [--count N] [--dir PATH] [--no-baseline] [NAME ...]

        Runs Accord's benchmarks and prints one JSON object per measurement on standard output.
        Notes for humans go to standard error.

        ARGUMENTS:
          NAME ...          benchmarks to run (default: all), see --list

        OPTIONS:
          --list            print every benchmark's name and a one-line description
          --count N         run every selected benchmark at scale N (events, encodes, ...)
          --dir PATH        put scratch files under PATH (default: a temporary directory);
                            each benchmark's own files are removed after it runs
          --no-baseline     skip the SQLite side-by-side comparisons
          -h, --help        print this help

        EXAMPLES:
          swift build -c release && .build/release/accord-bench --list
          .build/release/accord-bench memory-append codec-decode --count 100000
        """

    /// Parses the arguments after the program name.
    ///
    /// - Throws: ``UsageError`` for an unknown option or a missing or malformed value.
    static func parse(_ arguments: some Sequence<String>) throws(UsageError) -> BenchOptions {
        var options = BenchOptions()
        var names: [String] = []
        var listing = false
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            var (flag, inline) = (argument, String?.none)
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                flag = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            func value() throws(UsageError) -> String {
                if let inline { return inline }
                guard let next = iterator.next() else { throw UsageError("\(flag) needs a value") }
                return next
            }
            switch flag {
            case "-h", "--help":
                options.action = .help
                return options
            case "--list":
                listing = true
            case "--count":
                let text = try value()
                guard let count = Int(text), count > 0 else {
                    throw UsageError("--count needs a positive whole number, not '\(text)'")
                }
                options.count = count
            case "--dir":
                let path = try value()
                guard !path.isEmpty else { throw UsageError("--dir needs a path") }
                options.directory = path
            case "--no-baseline":
                options.baselines = false
            default:
                guard !argument.hasPrefix("-") else {
                    throw UsageError("unknown option '\(argument)'")
                }
                names.append(argument)
            }
        }
        options.action = listing ? .list : .run(names)
        return options
    }
}

/// A mistake on the command line; printed with a pointer to `--help`, exit status 2.
struct UsageError: Error, Equatable, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
