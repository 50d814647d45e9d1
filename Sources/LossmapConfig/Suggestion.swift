import LossmapCore

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

    /// The edit distance of two names (see `EditDistance`).
    static func editDistance(_ a: String, _ b: String) -> Int { EditDistance.between(a, b) }

    /// " did you mean `x`?" or "" — ready to append to a message.
    static func phrase(for name: String, among candidates: [String]) -> String {
        closest(to: name, among: candidates).map { "; did you mean `\($0)`?" } ?? ""
    }
}
