"""Fails unless new code in a template's code layer reaches every function's published alias.

The functions' own packages no longer change with the code (it is in the layer), and SAM's AutoPublishAlias by default
publishes a new version only when CodeUri, Environment, MemorySize or SnapStart change: the alias that Step Functions
invokes would keep running the old layer. The template is converted by the SAM transform twice, with the same function
package and two different layer contents (as `sam package` names them by their MD5), and every function with an alias
must get a new AWS::Lambda::Version, and every function must name the new layer version.
Usage: check-layer-versions.py template.yaml [more templates]
"""
import copy
import sys

from cfnlint.decode import decode
from samtranslator.translator.transform import transform


class NoManagedPolicies:
    def load(self):
        return {}


def convert(template, layer_key):
    template = copy.deepcopy(template)
    for resource in template["Resources"].values():
        props = resource.get("Properties") or {}
        if resource.get("Type") == "AWS::Serverless::Function":
            props["CodeUri"] = "s3://artifacts/function-note.zip"
        elif resource.get("Type") == "AWS::Serverless::LayerVersion":
            props["ContentUri"] = f"s3://artifacts/{layer_key}"
        elif resource.get("Type") == "AWS::Serverless::StateMachine" and "DefinitionUri" in props:
            props["DefinitionUri"] = "s3://artifacts/definition.asl.json"
    template.get("Globals", {}).get("Function", {}).pop("CodeUri", None)
    return transform(template, {}, NoManagedPolicies())["Resources"]


def check(path):
    template, problems = decode(path)
    if problems:
        return [f"{path}: cannot be read: {problems[0]}"]
    before, after = convert(template, "layer-md5-one"), convert(template, "layer-md5-two")
    failures = []
    functions = [n for n, r in after.items() if r["Type"] == "AWS::Lambda::Function"]
    for name in functions:
        layers = after[name]["Properties"].get("Layers", [])
        if not layers:
            failures.append(f"{path}: {name} has no layer")
        elif layers == before[name]["Properties"].get("Layers"):
            failures.append(f"{path}: {name} keeps its layer version when the layer's content changes")
        old = {n for n, r in before.items() if r["Type"] == "AWS::Lambda::Version" and r["Properties"]["FunctionName"] == {"Ref": name}}
        new = {n for n, r in after.items() if r["Type"] == "AWS::Lambda::Version" and r["Properties"]["FunctionName"] == {"Ref": name}}
        if new and new == old:
            failures.append(f"{path}: {name} publishes no new version when the layer's content changes; its alias keeps the old code")
    if not failures:
        aliased = sum(1 for r in after.values() if r["Type"] == "AWS::Lambda::Alias")
        print(f"{path}: a new layer content reaches all {len(functions)} function(s) ({aliased} through a newly published version)")
    return failures


failures = [f for p in sys.argv[1:] for f in check(p)]
for failure in failures:
    print(failure)
sys.exit(1 if failures else 0)
