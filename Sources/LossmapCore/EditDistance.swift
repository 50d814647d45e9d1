/// How far apart two names are, for "did you mean …?" suggestions in configs and formulas.
public enum EditDistance {
    /// Optimal string alignment distance (Damerau–Levenshtein restricted to adjacent
    /// transpositions): insertions, deletions, substitutions and swaps of neighbours each
    /// cost 1, so `stpes` is one edit from `steps` and `sqtr` one from `sqrt`.
    public static func between<C: Collection>(_ a: C, _ b: C) -> Int where C.Element: Equatable {
        let s = Array(a), t = Array(b)
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: t.count + 1), count: s.count + 1)
        for i in 0...s.count { d[i][0] = i }
        for j in 0...t.count { d[0][j] = j }
        for i in 1...s.count {
            for j in 1...t.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (s[i - 1] == t[j - 1] ? 0 : 1))
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[s.count][t.count]
    }
}
