/// One of N deterministic parts of a set of configs, for CI matrices: `--shard 2/4`.
///
/// A config belongs to shard `hash(path) mod N + 1`, where the hash is 64-bit FNV-1a of the
/// path as given (Fowler, Noll & Vo). The same path always lands in the same shard, the
/// shards are disjoint, and together they cover every config, on any machine.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// 1-based index of this shard.
    public let index: Int
    /// How many shards there are.
    public let count: Int

    /// Parses "K/N" with 1 ≤ K ≤ N ≤ 1000; nil otherwise.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= 1000, k >= 1, k <= n else { return nil }
        index = k
        count = n
    }

    public var description: String { "\(index)/\(count)" }

    /// Whether the config at `path` is this shard's.
    public func contains(_ path: String) -> Bool {
        Int(Fingerprint.fnv1a(Array(path.utf8)) % UInt64(count)) == index - 1
    }
}
