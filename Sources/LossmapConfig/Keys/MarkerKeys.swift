/// The keys of a [[marker]] section: one point marked on the map with its loss.
enum MarkerKeys {
    static let table = ConfigTable(name: "[[marker]]", id: "[[marker]]", entries: [
        .value("at", type: "array of two numbers", default: "required", allowed: "finite", example: "`at = [40.0, 10.0]`",
               doc: "The point, as [w1, w2].",
               details: "A point outside the plotted window is listed in the legend but not drawn."),
        .value("label", type: "string", default: "none (the loss alone)", allowed: "any text but NUL and Unicode noncharacters",
               example: "`label = \"where the walker starts\"`",
               doc: "The text beside the point; its loss is added: `W1 = 40, W2 = 10 · loss 800`."),
    ])
}
