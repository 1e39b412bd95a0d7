"""The `paravoxel` package's imports run one way: every import of one of its modules by another,
at the top or inside a function, read from the sources with `ast` (nothing is imported), forms a
graph with no cycle, and the runtime library (the modules outside paravoxel.gallery) imports
nothing of the gallery. Prints the graph; exits 1 naming a cycle or a wrong-way import.

    python3 Testing/Python/check_package_imports.py [Python/paravoxel]
"""
import ast
import os
import sys

SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Python", "paravoxel")


def module_names(folder, package="paravoxel"):
    """{module name: path} of every .py file under `folder`, the package `package`."""
    names = {}
    for root, _, files in os.walk(folder):
        parts = [package] + os.path.relpath(root, folder).split(os.sep)
        parts = [part for part in parts if part != "."]
        for file in files:
            if file.endswith(".py"):
                stem = file[:-len(".py")]
                names[".".join(parts + ([] if stem == "__init__" else [stem]))] = \
                    os.path.join(root, file)
    return names


def imports_of(name, path, modules):
    """The package's modules that module `name` (at `path`) imports, anywhere in its code."""
    is_package = path.endswith("__init__.py")
    found = set()
    for node in ast.walk(ast.parse(open(path, encoding="utf-8").read(), path)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")[:len(name.split(".")) - node.level + is_package]
                base = ".".join(anchor + ([base] if base else []))
            # `from package import module` imports the module; `from module import name` the
            # module itself.
            targets = [base + "." + alias.name for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            # A module's import runs its packages' __init__ too.
            parts = target.split(".")
            for n in range(1, len(parts) + 1):
                prefix = ".".join(parts[:n])
                if prefix in modules and prefix != name:
                    found.add(prefix)
    return found


def find_cycle(graph):
    """One cycle of `graph` ({node: set of nodes}) as a list of nodes, or None."""
    state = {}

    def visit(node, path):
        state[node] = "open"
        for child in sorted(graph[node]):
            if state.get(child) == "open":
                return path[path.index(child):] + [child]
            if child not in state:
                cycle = visit(child, path + [child])
                if cycle:
                    return cycle
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node, [node])
            if cycle:
                return cycle
    return None


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else SOURCE
    modules = module_names(folder)
    # A package's __init__ is imported before each of its modules: an edge, but not one that
    # makes a cycle of the package with its own modules.
    graph = {name: {target for target in imports_of(name, path, modules)
                    if not name.startswith(target + ".")}
             for name, path in modules.items()}
    for name in sorted(graph):
        print("%-28s -> %s" % (name, ", ".join(sorted(graph[name])) or "-"))
    failures = []
    cycle = find_cycle(graph)
    if cycle:
        failures.append("import cycle: " + " -> ".join(cycle))
    for name, targets in sorted(graph.items()):
        if not name.startswith("paravoxel.gallery"):
            wrong = sorted(t for t in targets if t.startswith("paravoxel.gallery"))
            if wrong:
                failures.append("%s (runtime library) imports the gallery: %s"
                                % (name, ", ".join(wrong)))
    for failure in failures:
        print("FAIL: " + failure)
    if failures:
        sys.exit(1)
    print("%d modules, no import cycle, the runtime library imports no gallery module"
          % len(graph))


if __name__ == "__main__":
    main()
