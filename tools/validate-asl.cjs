#!/usr/bin/env node
// Validates every statemachines/*.asl.json with asl-validator after replacing each
// DefinitionSubstitutions placeholder ${Name} with a fake value of the right shape (asl-validator
// checks Resource ARNs, and its --no-arn-check flag has no effect).
'use strict';
const fs = require('fs');
const path = require('path');
const validate = require(path.join(__dirname, 'npm/node_modules/asl-validator'));

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';

function fake(name) {
  const base = name.replace(/Arn$/, '');
  if (/Concurrency$/.test(name)) return '4';
  if (/Seconds$/.test(name)) return '30';
  if (/RegionalCopies$/.test(name)) return 'false';
  if (/Function$/.test(base)) return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${base}:live`;
  if (/StateMachine$/.test(base)) return `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${base}`;
  if (/Topic$/.test(base)) return `arn:aws:sns:${REGION}:${ACCOUNT}:${base}`;
  if (/Table$/.test(base)) return name.endsWith('Arn') ? `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${base}` : base;
  if (/Bucket$/.test(base)) return name.endsWith('Arn') ? `arn:aws:s3:::${base.toLowerCase()}` : base.toLowerCase();
  if (/Role$/.test(base)) return `arn:aws:iam::${ACCOUNT}:role/${base}`;
  return `fake-${name}`;
}

const dir = path.join(__dirname, '..', 'statemachines');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.asl.json')).sort();
let failed = 0;
for (const file of files) {
  const text = fs.readFileSync(path.join(dir, file), 'utf8').replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, n) => fake(n));
  let definition;
  try {
    definition = JSON.parse(text);
  } catch (e) {
    console.log(`FAIL ${file}: not JSON after substitution: ${e.message}`);
    failed++;
    continue;
  }
  const { isValid, errors } = validate(definition);
  if (isValid) {
    console.log(`ok   ${file}`);
  } else {
    failed++;
    console.log(`FAIL ${file}`);
    for (const e of errors) console.log(`     ${e['Error code'] || ''} ${e.path || ''} ${e.message || JSON.stringify(e)}`);
  }
}
console.log(`asl-validator: ${files.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
