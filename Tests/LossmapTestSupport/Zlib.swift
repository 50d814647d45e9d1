#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// zlib's `uncompress`, to read the FlateDecode streams of the PDFs Cairo writes.
///
/// zlib is always there (libpng and Cairo need it), but no module of ours exposes it, so
/// the function is looked up by name at run time rather than adding a system-library
/// target for one test helper.
public enum Zlib {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private typealias Uncompress = @convention(c) (
        UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt>?, UnsafePointer<UInt8>?, UInt) -> Int32

    private static func uncompressFunction() throws -> Uncompress {
        let names = ["libz.so.1", "libz.so", "libz.1.dylib", "/usr/lib/libz.1.dylib", "libz.dylib"]
        for name in [nil] + names {
            guard let handle = dlopen(name, RTLD_NOW) else { continue }
            if let symbol = dlsym(handle, "uncompress") { return unsafeBitCast(symbol, to: Uncompress.self) }
        }
        throw Failure(description: "zlib's uncompress was not found (tried \(names.joined(separator: ", ")))")
    }

    /// The inflated bytes of a zlib stream (trailing bytes after its end are ignored).
    public static func inflate(_ compressed: [UInt8]) throws -> [UInt8] {
        let uncompress = try uncompressFunction()
        var capacity = max(compressed.count * 4, 4096)
        while capacity < 1 << 30 {
            var output = [UInt8](repeating: 0, count: capacity)
            var length = UInt(capacity)
            let status = output.withUnsafeMutableBufferPointer { out in
                compressed.withUnsafeBufferPointer { input in
                    uncompress(out.baseAddress, &length, input.baseAddress, UInt(input.count))
                }
            }
            switch status {
            case 0: return Array(output.prefix(Int(length)))  // Z_OK
            case -5: capacity *= 4  // Z_BUF_ERROR: the output did not fit
            default: throw Failure(description: "zlib could not inflate the stream (status \(status))")
            }
        }
        throw Failure(description: "the stream inflates to more than 1 GiB")
    }
}
