#!/usr/bin/env node
// Reads a JSON array of xAPI statements on stdin and checks each with
// @learninglocker/xapi-validation, the validator Learning Locker is conformance-tested
// with. Exits 0 when every statement is valid, 1 when any is not (printing each
// problem), 2 when the input is not a JSON array.
'use strict';

const validate = require('@learninglocker/xapi-validation').default;

function describe(warning) {
  const where = (warning.path || []).join('.');
  const details = Object.keys(warning)
    .filter((key) => !['data', 'path', 'message', 'stack', 'name'].includes(key))
    .map((key) => `${key}=${JSON.stringify(warning[key])}`);
  let value = JSON.stringify(warning.data);
  if (value !== undefined && value.length > 80) value = `${value.slice(0, 77)}...`;
  return `${warning.constructor.name} at ${where}${details.length ? ` (${details.join(', ')})` : ''}: ${value}`;
}

function main(input) {
  let statements;
  try {
    statements = JSON.parse(input);
  } catch (error) {
    console.error(`not JSON: ${error.message}`);
    return 2;
  }
  if (!Array.isArray(statements)) {
    console.error('expected a JSON array of statements');
    return 2;
  }
  let invalid = 0;
  statements.forEach((statement, index) => {
    const warnings = validate(statement);
    if (warnings.length > 0) {
      invalid += 1;
      const id = statement && typeof statement === 'object' ? statement.id : undefined;
      console.error(`statement ${index} (id ${id}): ${warnings.length} problem(s)`);
      warnings.forEach((warning) => console.error(`  ${describe(warning)}`));
    }
  });
  if (invalid > 0) {
    console.error(`${invalid} of ${statements.length} statement(s) invalid`);
    return 1;
  }
  console.log(`${statements.length} statement(s) valid`);
  return 0;
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => { process.exitCode = main(input); });
