# Gilder — the two commands that do everything on a fresh machine:
#   make demo   build and run the golden AMI lifecycle against the local AWS emulator (no account needed)
#   make test   install the pinned tools, build, run every test and check, print a summary
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .tools/venv
NPM_TOOLS := tools/npm/node_modules/.installed
export SAM_CLI_TELEMETRY := 0
export SAM_CLI_CONTEXT ?=


.PHONY: help tools browser build test unit check demo bench clean tools-freeze

help:
	@echo "make demo    build, start the local AWS stack and run the lifecycle end to end (SCANNER=qualys|tenable|inspector|none, CLICK=1)"
	@echo "make test    install pinned tools, build, run unit + end-to-end tests and template checks"
	@echo "make build   build functions/target/function.zip (what sam build ships)"
	@echo "make check   cfn-lint, sam validate --lint, checkov and asl-validator only"
	@echo "make bench   run the benchmarks under bench/"
	@echo "make clean   remove build output and installed tools"

## Pinned tools: Maven (through ./mvnw), Python tools in a project virtualenv, Node tools from the lock file.
tools: $(VENV)/.installed $(NPM_TOOLS) browser
	@./mvnw -q -v >/dev/null

## Debian's Chromium and ChromeDriver for the approval page's browser test (needs root or sudo).
browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver; \
	fi

$(VENV)/.installed: tools/requirements.txt tools/constraints.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q -r tools/requirements.txt -c tools/constraints.txt
	touch $@

$(NPM_TOOLS): tools/npm/package.json tools/npm/package-lock.json
	cd tools/npm && npm ci --no-audit --no-fund --loglevel=error
	touch $@

tools-freeze: $(VENV)/.installed
	(echo "# pip freeze of .tools/venv after installing requirements.txt; regenerate with 'make tools-freeze'."; \
	  $(VENV)/bin/pip freeze) > tools/constraints.txt

build:
	./mvnw -q -B -DskipTests install

test: tools
	bash tools/test-all.sh

check: tools
	bash tools/test-all.sh --checks-only

demo: tools build
	./mvnw -q -B -pl local-stack exec:java $(if $(CLICK),-Dgilder.demo.click=true) $(if $(SCANNER),-Dgilder.demo.scanner=$(SCANNER)) $(if $(ENCRYPTED),-Dgilder.demo.encrypted=true)

bench: tools build
	bash bench/cold-start
	bash bench/distribution
	bash bench/compliance

clean:
	./mvnw -q -B clean || true
	rm -rf .tools tools/npm/node_modules .aws-sam
