"""Converts a SAM template with the SAM translator, as CloudFormation's transform would, and fails on a dependency cycle.

cfn-lint and `sam validate --lint` pass templates that CloudFormation then refuses: a route whose authorizer the API does
not enable fails the transform, and a cycle between resources (A refers to B ... refers to A) fails the deployment.
Local artifact paths (CodeUri, ContentUri, DefinitionUri) are replaced by S3 URIs first, as `sam package` would.
Usage: check-template-graph.py template.yaml [more templates]
"""
import re
import sys

from cfnlint.decode import decode
from samtranslator.translator.transform import transform


class NoManagedPolicies:
    def load(self):
        return {}


def references(node, found):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Ref" and isinstance(value, str):
                found.add(value.split(".")[0])
            elif key == "Fn::GetAtt":
                found.add(value[0] if isinstance(value, list) else value.split(".")[0])
            elif key == "Fn::Sub":
                text = value if isinstance(value, str) else value[0]
                found.update(name.split(".")[0] for name in re.findall(r"\$\{([^}!]+)}", text))
                if not isinstance(value, str):
                    references(value[1], found)
            else:
                references(value, found)
    elif isinstance(node, list):
        for item in node:
            references(item, found)


def check(path):
    template, problems = decode(path)
    if problems:
        return f"{path}: cannot be read: {problems[0]}"
    for name, resource in template.get("Resources", {}).items():
        props = resource.get("Properties") or {}
        if resource.get("Type") == "AWS::Serverless::Function":
            props["CodeUri"] = "s3://artifacts/function.zip"
        if resource.get("Type") == "AWS::Serverless::LayerVersion":
            props["ContentUri"] = f"s3://artifacts/{name}.zip"
        if resource.get("Type") == "AWS::Serverless::StateMachine" and "DefinitionUri" in props:
            props["DefinitionUri"] = f"s3://artifacts/{name}.asl.json"
    template.get("Globals", {}).get("Function", {}).pop("CodeUri", None)
    try:
        converted = transform(template, {}, NoManagedPolicies())
    except Exception as error:  # the translator raises its own exception types
        return f"{path}: the SAM transform fails: {error}"
    resources = converted["Resources"]
    graph = {}
    for name, resource in resources.items():
        found = set()
        references(resource.get("Properties", {}), found)
        depends = resource.get("DependsOn", [])
        found.update([depends] if isinstance(depends, str) else depends)
        graph[name] = sorted(n for n in found if n in resources and n != name)
    state, path_now = {}, []

    def visit(node):
        state[node] = "open"
        path_now.append(node)
        for nxt in graph[node]:
            if state.get(nxt) == "open":
                return path_now[path_now.index(nxt):] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        state[node] = "done"
        path_now.pop()
        return None

    sys.setrecursionlimit(10000)
    for node in graph:
        if node not in state:
            cycle = visit(node)
            if cycle:
                return f"{path}: dependency cycle: {' -> '.join(cycle)}"
    print(f"{path}: converts to {len(resources)} resources, no dependency cycle")
    return None


failures = [f for f in (check(p) for p in sys.argv[1:]) if f]
for failure in failures:
    print(failure)
sys.exit(1 if failures else 0)
