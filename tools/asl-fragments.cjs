#!/usr/bin/env node
// Splices the shared state machine fragments (statemachines/fragments/*.json) into the definitions that
// use them, so that a sub-flow is written once and deployed as plain ASL (see docs/rescan-golden-amis.md:
// the emulator cannot run a nested startExecution.sync:2). A fragment is {Comment, StartAt, States}; its
// exits are "@Name" placeholders each host fills in. The definitions stay the files SAM deploys; each spliced
// state's Comment names the fragment it was generated from.
//   node tools/asl-fragments.cjs --check   exit 1 when a definition differs from what --write would produce
//   node tools/asl-fragments.cjs --write   rewrite the definitions
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..', 'statemachines');

// Where each fragment goes: the host definition, the path to the States object holding the fragment's
// states (empty: the top level; e.g. ['Rescan Images', 'ItemProcessor'] for a Map's body) and its exits.
const USES = [
  {
    fragment: 'scan-image.json',
    host: 'build-golden-ami.asl.json',
    scope: [],
    exits: { '@OnScanned': 'Evaluate Scan Policy', '@OnScanFailed': 'Discard Candidate' },
  },
  {
    fragment: 'scan-image.json',
    host: 'rescan-golden-amis.asl.json',
    scope: ['Rescan Images', 'ItemProcessor'],
    exits: { '@OnScanned': 'Compare With Last Scan', '@OnScanFailed': 'Image Not Scanned' },
  },
];

// Definitions may hold bare ${Name} placeholders (numbers such as MaxConcurrency): not JSON until
// CloudFormation substitutes them. Quote them for parsing and unquote them when writing.
const BARE = '@@CloudFormation@@';
function parseDefinition(text) {
  return JSON.parse(text.replace(/(?<!")\$\{([A-Za-z0-9_]+)\}(?!")/g, (_, n) => `"${BARE}${n}"`));
}
function formatDefinition(definition) {
  return JSON.stringify(definition, null, 2).replace(new RegExp(`"${BARE}([A-Za-z0-9_]+)"`, 'g'), '${$1}') + '\n';
}

function fill(value, exits, where) {
  if (typeof value === 'string' && value.startsWith('@On')) {
    if (!(value in exits)) throw new Error(`${where}: the host gives no exit for ${value}`);
    return exits[value];
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, exits, where));
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = fill(v, exits, where);
    return out;
  }
  return value;
}

// Every Next/Default inside the fragment must name one of its states or an exit.
function checkSelfContained(name, fragment) {
  const names = new Set(Object.keys(fragment.States));
  const bad = [];
  const walk = (v, state) => {
    if (Array.isArray(v)) return v.forEach((x) => walk(x, state));
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if ((k === 'Next' || k === 'Default') && typeof x === 'string' && !names.has(x) && !x.startsWith('@On')) bad.push(`"${state}" -> "${x}"`);
      else walk(x, state);
    }
  };
  for (const [state, body] of Object.entries(fragment.States)) walk(body, state);
  if (!names.has(fragment.StartAt)) bad.push(`StartAt ${fragment.StartAt}`);
  if (bad.length) throw new Error(`fragment ${name} leads outside itself: ${bad.join(', ')}`);
}

function scopeOf(definition, scope, host) {
  let node = definition;
  for (const key of scope) {
    node = node.States ? node.States[key] : node[key];
    if (!node) throw new Error(`${host}: no ${scope.join(' / ')}`);
  }
  if (!node.States) throw new Error(`${host}: ${scope.join(' / ') || 'top level'} has no States`);
  return node;
}

// The host's States with the fragment's states in fragment order where its first state stands.
function splice(hostStates, fragmentStates, host) {
  const names = Object.keys(fragmentStates);
  if (!names.some((n) => n in hostStates)) {
    throw new Error(`${host}: none of the fragment's states is there; add a state named "${names[0]}" where the sub-flow goes`);
  }
  const out = {};
  let placed = false;
  for (const [name, state] of Object.entries(hostStates)) {
    if (name in fragmentStates) {
      if (!placed) Object.assign(out, fragmentStates);
      placed = true;
    } else {
      out[name] = state;
    }
  }
  return out;
}

// Each spliced state says where it comes from, in its Comment (after Type), ahead of the fragment's own comment.
function markGenerated(states, fragmentName) {
  const note = `Generated from statemachines/fragments/${fragmentName} by tools/asl-fragments.cjs; edit the fragment, not this copy.`;
  const out = {};
  for (const [name, state] of Object.entries(states)) {
    const { Type, Comment, ...rest } = state;
    out[name] = { Type, Comment: Comment ? `${note} ${Comment}` : note, ...rest };
  }
  return out;
}

function generate(use) {
  const fragmentFile = path.join(ROOT, 'fragments', use.fragment);
  const fragment = JSON.parse(fs.readFileSync(fragmentFile, 'utf8'));
  checkSelfContained(use.fragment, fragment);
  const hostFile = path.join(ROOT, use.host);
  const current = fs.readFileSync(hostFile, 'utf8');
  const definition = parseDefinition(current);
  const scope = scopeOf(definition, use.scope, use.host);
  const states = markGenerated(fill(fragment.States, use.exits, use.host), use.fragment);
  scope.States = splice(scope.States, states, use.host);
  return { hostFile, current, wanted: formatDefinition(definition), scope, before: parseDefinition(current) };
}

function firstDifference(use, before, after) {
  const a = scopeOf(before, use.scope, use.host).States;
  const b = scopeOf(after, use.scope, use.host).States;
  for (const name of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (JSON.stringify(a[name]) !== JSON.stringify(b[name])) return `state "${name}"`;
  }
  return 'state order or formatting';
}

function main(mode) {
  if (mode !== '--check' && mode !== '--write') {
    console.error('usage: node tools/asl-fragments.cjs --check | --write');
    return 2;
  }
  let status = 0;
  for (const use of USES) {
    let result;
    try {
      result = generate(use);
    } catch (e) {
      console.log(`FAIL ${use.host}: ${e.message}`);
      status = 1;
      continue;
    }
    if (result.current === result.wanted) {
      console.log(`ok   ${use.host} (${use.fragment})`);
    } else if (mode === '--write') {
      fs.writeFileSync(result.hostFile, result.wanted);
      console.log(`wrote ${use.host} (${use.fragment})`);
    } else {
      const diff = firstDifference(use, result.before, parseDefinition(result.wanted));
      console.log(`FAIL ${use.host}: differs from ${use.fragment} at ${diff}; edit the fragment, then run node tools/asl-fragments.cjs --write`);
      status = 1;
    }
  }
  return status;
}

process.exitCode = main(process.argv[2]);
