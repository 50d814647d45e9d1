#!/usr/bin/env python3
"""Validates lossmap configs against lossmap.schema.json with Python's jsonschema package: a
validator lossmap does not share a line of code with, so the schema `lossmap schema` generates
is checked by someone else's reading of JSON Schema draft-07.

    lossmap toml-decode < config/rosenbrock-step-sizes.toml > rosenbrock.json
    python3 scripts/validate-schema.py lossmap.schema.json rosenbrock.json [more.json ...]
    lossmap toml-decode < config/rosenbrock-step-sizes.toml | python3 scripts/validate-schema.py lossmap.schema.json -

Each file holds a config as `lossmap toml-decode` prints it: toml-test's tagged JSON, where
every scalar is {"type": "integer", "value": "42"}. It is turned into plain JSON (integers stay
integers and floats floats, so `steps = 2.5` fails an "integer" key; JSON Schema counts a float
without a fraction, 20.0, as an integer, as Taplo does, and leaves that to `lossmap check`)
before it is validated.

Before any config, the schema itself is checked: that it is a valid draft-07 schema, and that
every "default" it gives is accepted by its own key's schema.

Prints one line per file: "valid FILE", or "invalid FILE: /path/to/key: message" for each
problem. Exit status: 0 all files valid, 1 some file invalid, 2 the schema itself is broken or
a file cannot be read, 3 jsonschema is not installed (scripts/install-deps.sh installs it).
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("jsonschema is not installed: run scripts/install-deps.sh, or python3 -m pip install jsonschema",
          file=sys.stderr)
    sys.exit(3)


def plain(node):
    """toml-test's tagged JSON as plain JSON: {"type": "integer", "value": "42"} -> 42."""
    if isinstance(node, list):
        return [plain(item) for item in node]
    if not isinstance(node, dict):
        raise ValueError(f"not tagged JSON: {node!r}")
    # A scalar is exactly {"type": str, "value": str}; a table whose keys happen to be
    # "type" and "value" has tagged (dict) values, so it cannot be mistaken for one.
    if set(node) == {"type", "value"} and isinstance(node["type"], str) and isinstance(node["value"], str):
        kind, text = node["type"], node["value"]
        if kind == "string":
            return text
        if kind == "integer":
            return int(text)
        if kind == "float":
            return float(text)  # inf, -inf and nan included
        if kind == "bool":
            return text == "true"
        return text  # dates and times: lossmap has none, a string is as good as any
    return {key: plain(value) for key, value in node.items()}


def check_schema(schema):
    """Problems with the schema itself: not draft-07, or a default its own key rejects."""
    problems = []
    try:
        jsonschema.Draft7Validator.check_schema(schema)
    except jsonschema.SchemaError as error:
        return [f"not a valid draft-07 schema: {error.message}"]

    def walk(node, path):
        if isinstance(node, dict):
            if "default" in node:
                for error in jsonschema.Draft7Validator(node).iter_errors(node["default"]):
                    problems.append(f"the default at {path or '/'} is rejected by its own schema: {error.message}")
            for key, value in node.items():
                walk(value, f"{path}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{path}/{index}")

    walk(schema, "")
    return problems


def main(arguments):
    if len(arguments) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(arguments[0], encoding="utf-8") as file:
        schema = json.load(file)
    problems = check_schema(schema)
    if problems:
        for problem in problems:
            print(f"broken schema {arguments[0]}: {problem}")
        return 2
    validator = jsonschema.Draft7Validator(schema)
    status = 0
    for name in arguments[1:]:
        try:
            if name == "-":
                tagged = json.load(sys.stdin)
            else:
                with open(name, encoding="utf-8") as file:
                    tagged = json.load(file)
            config = plain(tagged)
        except (OSError, ValueError) as error:
            print(f"unreadable {name}: {error}")
            return 2
        errors = sorted(validator.iter_errors(config), key=lambda e: list(map(str, e.absolute_path)))
        if not errors:
            print(f"valid {name}")
            continue
        status = 1
        for error in errors:
            where = "/" + "/".join(str(part) for part in error.absolute_path)
            print(f"invalid {name}: {where}: {error.message}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
