"""Checks what `sam build` produced, as Lambda's Java runtime will load it (tools/check-sam-build.sh runs it).

For every function of each built template: its class path is what it ships, in the runtime's order (its own package,
the package's lib/*.jar, then each layer's java/lib/*.jar, each folder's jars in lexical order: CustomerClassLoader of
aws-lambda-java-runtime-interface-client). The Handler class (Quarkus' stream handler) and the function's own Gilder
handler class (<Verb><Noun>Function runs <Verb><Noun>Handler) must be found on it, the Gilder application must come
before every library (as /var/task did), and the function with its layers must fit Lambda's 250 MB unzipped limit.
Fails if the application is shipped in more than one package of a template (every function its own copy, as before
the code layer), and prints the distinct code packages (functions' and layers' folders, told apart by the MD5 that
`sam package` names its uploads by).
Usage: check-sam-build.py BUILD_DIR [BUILD_DIR ...]   (each holding a built template.yaml)
"""
import os
import sys
import zipfile
from pathlib import Path

from cfnlint.decode import decode
from samcli.lib.utils.hash import dir_checksum

UNZIPPED_LIMIT = 250 * 1024 * 1024  # function package and layers, extracted (Lambda quotas)
RUNTIME_HANDLER_CLASS = "io/quarkus/amazon/lambda/runtime/QuarkusStreamHandler.class"


def size(folder):
    return sum(f.stat().st_size for f in Path(folder).rglob("*") if f.is_file())


def jars(folder):
    return [folder / n for n in sorted(os.listdir(folder)) if n.endswith(".jar")] if folder.is_dir() else []


class ClassPath:
    """Lambda's class path of one function: its package folder, then jars, in the runtime's order."""

    def __init__(self, code, layers):
        self.entries = [code] + jars(code / "lib") + [j for layer in layers for j in jars(layer / "java" / "lib")]
        self._listings = {}

    def listing(self, entry):
        if entry not in self._listings:
            if entry.is_dir():
                self._listings[entry] = {str(p.relative_to(entry)) for p in entry.rglob("*") if p.is_file()}
            else:
                with zipfile.ZipFile(entry) as jar:
                    self._listings[entry] = set(jar.namelist())
        return self._listings[entry]

    def first(self, predicate):
        """The first entry holding a file for which predicate is true, and that file; (None, None) if none."""
        for entry in self.entries:
            found = next((name for name in sorted(self.listing(entry)) if predicate(name)), None)
            if found:
                return entry, found
        return None, None


def check(build_dir, packages):
    template, problems = decode(str(build_dir / "template.yaml"))
    if problems:
        return [f"{build_dir}/template.yaml: cannot be read: {problems[0]}"]
    failures = []
    holders = set()
    globals_ = template.get("Globals", {}).get("Function", {})
    resources = template["Resources"]
    for name, resource in resources.items():
        if resource.get("Type") not in ("AWS::Serverless::Function", "AWS::Serverless::LayerVersion"):
            continue
        props = {**(globals_ if resource["Type"] == "AWS::Serverless::Function" else {}), **resource.get("Properties", {})}
        folder = build_dir / props["CodeUri" if resource["Type"] == "AWS::Serverless::Function" else "ContentUri"]
        packages.setdefault(dir_checksum(str(folder)), (folder, size(folder)))
        if resource["Type"] != "AWS::Serverless::Function":
            continue
        layer_ids = [layer["Ref"] for layer in props.get("Layers", []) if isinstance(layer, dict) and "Ref" in layer]
        layers = [build_dir / resources[i]["Properties"]["ContentUri"] for i in layer_ids]
        path = ClassPath(folder, layers)
        handler_class = props["Handler"].split("::")[0].replace(".", "/") + ".class"
        own = name.removesuffix("Function") + "Handler.class"
        shipped = size(folder) + sum(size(layer) for layer in layers)
        runtime_at, _ = path.first(lambda n: n == handler_class)
        own_at, own_file = path.first(lambda n: n.startswith("io/gilder/") and n.endswith("/" + own))
        libraries = [e for e in path.entries if e.suffix == ".jar" and any(n.startswith("io/quarkus/") for n in path.listing(e))]
        problems = []
        if not runtime_at:
            problems.append(f"no {handler_class} (the Quarkus runtime)")
        if not own_at:
            problems.append(f"no handler {own} under io/gilder/")
        elif libraries and path.entries.index(own_at) > path.entries.index(libraries[0]):
            problems.append(f"the application ({own_at.name}) comes after the library {libraries[0].name} on the class path")
        if shipped > UNZIPPED_LIMIT:
            problems.append(f"{shipped} bytes unzipped with its layers, over Lambda's {UNZIPPED_LIMIT}")
        if own_at:
            holders.add(next(p for p in [folder] + layers if own_at == p or p in own_at.parents))
        if problems:
            failures.append(f"FAIL {build_dir} {name}: " + "; ".join(problems))
        else:
            print(f"ok   {build_dir} {name}: {own_file} from {own_at.relative_to(build_dir)}, {shipped // 2**20} MB with "
                  f"{len(layers)} layer(s)")
    if len(holders) > 1:
        failures.append(f"FAIL {build_dir}: the application is shipped {len(holders)} times (once per function?), not once")
    return failures


def main(build_dirs):
    packages = {}
    failures = [f for d in build_dirs for f in check(Path(d), packages)]
    for checksum, (folder, folder_size) in sorted(packages.items(), key=lambda p: -p[1][1]):
        print(f"package {checksum} {folder_size:>11} bytes unzipped  {folder}")
    print(f"deploy: {len(packages)} distinct code packages, {sum(s for _, s in packages.values()) // 2**20} MB unzipped")
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]) if len(sys.argv) > 1 else __doc__)
