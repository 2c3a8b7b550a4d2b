#!/usr/bin/env bash
# Runs every test and check of Gilder, keeps going after a failure, prints a summary and exits
# non-zero when anything failed. `--checks-only` skips the Maven build and tests.
set -uo pipefail
cd "$(dirname "$0")/.."
export SAM_CLI_TELEMETRY=0
VENV=.tools/venv/bin
LOG_DIR=target/test-logs
mkdir -p "$LOG_DIR"

names=(); results=(); times=()
step() {
  local name="$1"; shift
  local log="$LOG_DIR/$(echo "$name" | tr ' /' '__').log"
  local start=$SECONDS
  echo "==> $name"
  if "$@" >"$log" 2>&1; then results+=("ok"); else results+=("FAILED (see $log)"); tail -n 40 "$log"; fi
  names+=("$name"); times+=("$((SECONDS - start))s")
}

templates=(template.yaml child-account/template.yaml)

# The template checks: they need no build.
run_checks() {
  step "cfn-lint" "$VENV/cfn-lint" "${templates[@]}"
  for t in "${templates[@]}"; do
    step "sam validate --lint $t" "$VENV/sam" validate --lint --region us-east-1 -t "$t"
    step "checkov $t" "$VENV/checkov" --config-file .checkov.yaml -f "$t" --framework cloudformation --compact --quiet --skip-download
  done
  # cfn-lint and sam validate pass templates CloudFormation refuses: convert them as the SAM transform does, and find cycles.
  step "SAM transform + dependency cycles" env AWS_DEFAULT_REGION=us-east-1 "$VENV/python" tools/check-template-graph.py "${templates[@]}"
  # The code is in a layer: new code must still publish a new version of every function behind an alias.
  step "code layer reaches every alias" env AWS_DEFAULT_REGION=us-east-1 "$VENV/python" tools/check-layer-versions.py "${templates[@]}"
  # FunctionRuntime=native without GraalVM/Mandrel: sam build stops with a clear message; the native layer's layout.
  step "native choice (sam build FunctionRuntime=native)" bash tools/check-native-choice.sh
  step "asl-validator" node tools/validate-asl.cjs
  # Shared sub-flows (statemachines/fragments) are spliced into the definitions; a hand edit of one copy fails here.
  step "asl-fragments --check" node tools/asl-fragments.cjs --check
  # The Service Catalog product template ships with a placeholder the pipeline replaces by the image
  # parameter's path; lint and scan it as a product version would be published.
  product="$LOG_DIR/product-template.yaml"
  sed 's|AMI_ID_TO_REPLACE|/GoldenAMI/AmazonLinux-2023/WebServer-1.0/1|' catalog/product-template.yaml > "$product"
  step "cfn-lint catalog/product-template.yaml" "$VENV/cfn-lint" "$product"
  step "checkov catalog/product-template.yaml" "$VENV/checkov" --config-file .checkov.yaml -f "$product" --framework cloudformation --compact --quiet --skip-download
}

if [ "${1:-}" = "--checks-only" ]; then
  run_checks
else
  # The template checks (~60 s, mostly single-threaded Python start-up) run beside the Maven build at the lowest CPU
  # priority (nice 19): they take only cycles the build leaves idle, and their output and results come after it.
  (
    renice -n 19 -p "$BASHPID" >/dev/null
    names=(); results=(); times=()
    run_checks >"$LOG_DIR/checks.log" 2>&1
    for i in "${!names[@]}"; do printf '%s\t%s\t%s\n' "${names[$i]}" "${times[$i]}" "${results[$i]}"; done
  ) >"$LOG_DIR/checks.results" &
  checks_pid=$!
  # Unit tests (functions) and end-to-end tests on the local stack (local-stack); Surefire prints its counts.
  step "maven build + tests" ./mvnw -B -ntp verify
  grep -hE "Tests run:|BUILD|ERROR\]" "$LOG_DIR/maven_build_+_tests.log" | grep -v " -- in " | tail -n 12
  checks_rc=0
  wait "$checks_pid" || checks_rc=$?
  cat "$LOG_DIR/checks.log"
  while IFS=$'\t' read -r name took result; do
    names+=("$name (beside the build)"); times+=("$took"); results+=("$result")
  done <"$LOG_DIR/checks.results"
  if [ "$checks_rc" != 0 ] || [ ! -s "$LOG_DIR/checks.results" ]; then
    names+=("template checks"); times+=("-"); results+=("FAILED (exit $checks_rc; see $LOG_DIR/checks.log)")
  fi
  step "sam build (deployable artifact)" bash tools/check-sam-build.sh
  grep -h "^deploy:" "$LOG_DIR/sam_build_(deployable_artifact).log" || true
fi

echo
echo "Summary"
failed=0
for i in "${!names[@]}"; do
  printf '  %-48s %-8s %s\n' "${names[$i]}" "${times[$i]}" "${results[$i]}"
  [ "${results[$i]}" = "ok" ] || failed=$((failed + 1))
done
passed=$(( ${#names[@]} - failed ))
# The failing tests by name with the first line of their message, last, where an excerpt of the output's end shows them.
if [ "${1:-}" != "--checks-only" ] && [ -f "$LOG_DIR/maven_build_+_tests.log" ]; then
  awk '/<<< (FAILURE|ERROR)!$/ && !/Tests run:/ { sub(/^\[ERROR\] */, ""); sub(/ -- Time elapsed.*<<< /, " "); t = $0; getline m; print "  failed: " substr(t " " m, 1, 220) }' \
    "$LOG_DIR/maven_build_+_tests.log" | head -n 12
fi
echo "checks: ${passed} passed, ${failed} failed"
exit $(( failed > 0 ))
