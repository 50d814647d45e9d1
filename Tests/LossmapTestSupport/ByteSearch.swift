/// Where `needle` first occurs in `bytes` at or after `start`, nil if nowhere: the one
/// search the SVG and PDF readers need, over bytes (files hold binary fonts and streams).
func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
    guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
    return bytes.withUnsafeBufferPointer { haystack in
        var i = max(start, 0)
        let first = needle[0], last = bytes.count - needle.count
        outer: while i <= last {
            if haystack[i] == first {
                for k in 1..<needle.count where haystack[i + k] != needle[k] {
                    i += 1
                    continue outer
                }
                return i
            }
            i += 1
        }
        return nil
    }
}
