#!/usr/bin/env bash
# `sam build` must produce a deployable artifact for both templates: every function's folder holds the
# Quarkus runtime's lib/ jars and the function's own handler class, in whichever workflow package it lives
# (SAM's default Java builder would drop the classes).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf .aws-sam
fail=0
for template in template.yaml child-account/template.yaml; do
  build_dir=.aws-sam/build
  [ "$template" = template.yaml ] || build_dir=.aws-sam/$(dirname "$template")
  .tools/venv/bin/sam build -t "$template" --build-dir "$build_dir"
  for fn in $(.tools/venv/bin/python - "$template" <<'PY'
import re, sys
names = re.findall(r'^  (\w+Function):\n    Type: AWS::Serverless::Function', open(sys.argv[1]).read(), re.M)
print("\n".join(names))
PY
  ); do
    dir="$build_dir/$fn"
    handler="${fn%Function}Handler.class"   # <Verb><Noun>Function runs <Verb><Noun>Handler
    if [ -f "$dir/io/quarkus/amazon/lambda/runtime/QuarkusStreamHandler.class" ] || ls "$dir"/lib/*quarkus-amazon-lambda*.jar >/dev/null 2>&1; then
      if find "$dir/io/gilder" -name "$handler" 2>/dev/null | grep -q . \
          || unzip -l "$dir"/lib/*.jar 2>/dev/null | grep -q "io/gilder/.*/$handler"; then
        echo "ok   $template $fn"; continue
      fi
    fi
    echo "FAIL $template $fn: $dir lacks the Quarkus runtime or its handler $handler"; fail=1
  done
done
exit $fail
