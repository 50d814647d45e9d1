import LossmapCore
import Testing

@Suite struct OptimizerCatalogTests {
    @Test("the table lists gd, momentum, nesterov, adagrad, rmsprop, adam and newton, in that order")
    func names() {
        #expect(Method.names == ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "newton"])
    }

    @Test("a method made by name from defaults has that name and the entry's default values", arguments: MethodCatalog.entries.map(\.name))
    func defaultsRoundTrip(_ name: String) throws {
        let entry = try #require(MethodCatalog.entry(named: name))
        let method = try #require(Method(name: name))
        #expect(method.name == name)
        #expect(method.hyperparameters.map(\.key) == entry.parameters.map(\.key))
        #expect(method.hyperparameters.map(\.value) == entry.parameters.map(\.defaultValue))
        for p in entry.parameters { #expect(p.allowed.contains(p.defaultValue), "\(name).\(p.key)") }
    }

    @Test("the defaults are the published ones: β = 0.9, ρ = 0.9, Adam's (0.9, 0.999, 1e-8)")
    func publishedDefaults() {
        #expect(Method(name: "gd") == .gradientDescent)
        #expect(Method(name: "momentum") == .momentum(beta: 0.9))
        #expect(Method(name: "nesterov") == .nesterov(beta: 0.9))
        #expect(Method(name: "adagrad") == .adagrad(epsilon: 1e-8))
        #expect(Method(name: "rmsprop") == .rmsprop(decay: 0.9, epsilon: 1e-8))
        #expect(Method(name: "adam") == .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8))
    }

    @Test("given values override the defaults by key")
    func overrides() {
        #expect(Method(name: "adam", parameters: ["beta2": 0.99]) == .adam(beta1: 0.9, beta2: 0.99, epsilon: 1e-8))
        #expect(Method(name: "momentum", parameters: ["momentum": 0.5]) == .momentum(beta: 0.5))
        #expect(Method(name: "nesterov", parameters: ["momentum": 0]) == .nesterov(beta: 0))
    }

    @Test("each key sets its own hyperparameter and no other", arguments: MethodCatalog.entries.map(\.name))
    func keysSetTheirOwnValue(_ name: String) throws {
        let entry = try #require(MethodCatalog.entry(named: name))
        for parameter in entry.parameters {
            // A value inside the interval that no default has: 0.5 for fractions, 0.25 otherwise.
            let x = parameter.allowed == .fraction ? 0.5 : 0.25
            let method = try entry.method([(parameter.key, x)])
            let made = method.makeRule().method
            #expect(made == method, "\(name): the rule made from the method gives it back")
            for (key, value) in method.hyperparameters {
                let expected = key == parameter.key ? x : entry.parameter(key)?.defaultValue
                #expect(value == expected, "\(name) with \(parameter.key) = \(x): \(key) = \(value)")
            }
        }
    }

    @Test("an unknown name, an unknown key and a value outside its interval are each reported as such")
    func errors() {
        #expect(throws: MethodError.unknownMethod("sgd")) { try MethodCatalog.method(named: "sgd") }
        #expect(throws: MethodError.unknownParameter(method: "gd", key: "momentum")) {
            try MethodCatalog.method(named: "gd", parameters: ["momentum": 0.9])
        }
        #expect(throws: MethodError.outOfRange(key: "beta1", value: 1, allowed: .fraction)) {
            try MethodCatalog.method(named: "adam", parameters: ["beta1": 1])
        }
        #expect(throws: MethodError.outOfRange(key: "epsilon", value: 0, allowed: .positive)) {
            try MethodCatalog.method(named: "rmsprop", parameters: ["epsilon": 0])
        }
        #expect(Method(name: "adam", parameters: ["beta1": .nan]) == nil)
    }

    @Test("intervals print as [0, 1) and (0, ∞)")
    func intervalText() {
        #expect(AllowedInterval.fraction.description == "[0, 1)")
        #expect(AllowedInterval.positive.description == "(0, ∞)")
        #expect(!AllowedInterval.positive.contains(.infinity))
    }
}
