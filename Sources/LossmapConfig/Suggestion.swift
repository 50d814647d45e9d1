/// "Did you mean …?" for near-miss names: the closest candidate by edit distance.
enum Suggestion {
    /// The candidate nearest to `name`, if it is close enough to be a plausible typo: one
    /// edit for names of up to three letters, else a third of the length, from 2 to 3 edits.
    static func closest(to name: String, among candidates: [String]) -> String? {
        let limit = name.count <= 3 ? 1 : min(3, max(2, name.count / 3))
        var best: (String, Int)?
        // Lengths further apart than the limit cannot be within it; skipping them also keeps
        // a hostile 4 KB name from costing a 4 KB × 4 KB table.
        for candidate in candidates where abs(candidate.count - name.count) <= limit {
            let d = editDistance(name.lowercased(), candidate.lowercased())
            if d <= limit, d < (best?.1 ?? .max) { best = (candidate, d) }
        }
        // A longer or shorter spelling of a name (`logarithmic` for `log`) is no typo, but
        // the name is still the one meant.
        return best?.0 ?? candidates.first { candidate in
            candidate.count >= 3 && (name.lowercased().hasPrefix(candidate.lowercased()) || candidate.lowercased().hasPrefix(name.lowercased()) && name.count >= 3)
        }
    }

    /// Damerau–Levenshtein distance with adjacent transpositions (optimal string alignment),
    /// so `stpes` is one edit from `steps`.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let s = Array(a), t = Array(b)
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: t.count + 1), count: s.count + 1)
        for i in 0...s.count { d[i][0] = i }
        for j in 0...t.count { d[0][j] = j }
        for i in 1...s.count {
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[s.count][t.count]
    }

    /// " did you mean `x`?" or "" — ready to append to a message.
    static func phrase(for name: String, among candidates: [String]) -> String {
        closest(to: name, among: candidates).map { "; did you mean `\($0)`?" } ?? ""
    }
}
