import Foundation
import Testing
@testable import LossmapBatch

@Suite("lossmap's build version")
struct VersionTests {
    #if os(Linux)
    @Test("the build version is the release plus the running executable's size and modification time, as stat(2) gives them")
    func buildVersion() throws {
        // The executable itself, not the /proc link to it.
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let attributes = try FileManager.default.attributesOfItem(atPath: executable)
        let size = try #require(attributes[.size] as? Int)
        let modified = try #require(attributes[.modificationDate] as? Date)
        #expect(LossmapVersion.build == "\(LossmapVersion.current)+\(size).\(Int(modified.timeIntervalSince1970))")
    }
    #endif
}
