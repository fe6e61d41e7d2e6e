import Foundation

let status = await Dispatcher.main(Array(CommandLine.arguments.dropFirst()))
exit(status.rawValue)
