// Test-only helpers: read the project's own fixtures from disk.
import { readFileSync } from 'node:fs';
import type { JsonValue } from './json-value';
import { parsePythonJson } from './python-json';

const FIXTURES = new URL('../../fixtures/', import.meta.url);

export function readFixtureText(path: string): string {
  return readFileSync(new URL(path, FIXTURES), 'utf8');
}

/** Metadata files whose numbers need no Python precision; the caller states the shape. */
export function readFixtureJson(path: string): unknown {
  return JSON.parse(readFixtureText(path));
}

/** Chain files, parsed the Python way (ints stay ints, 5.0 stays a float). */
export function readPythonFixture(path: string): JsonValue {
  const parsed = parsePythonJson(readFixtureText(path));
  if (!parsed.ok) throw new Error(`${path}: ${parsed.error}`);
  return parsed.value;
}

export interface ManifestEntry {
  file: string;
  proof_rule: 'repo' | 'tutorial';
  difficulty: number;
  expected: 'valid' | 'invalid';
  fail_block: number | null;
  fail_kind: string | null;
  strict_expected: 'valid' | 'invalid';
  other_rule_expected: 'valid' | 'invalid';
}

export function readManifest(): ManifestEntry[] {
  return (readFixtureJson('reference/manifest.json') as { fixtures: ManifestEntry[] }).fixtures;
}
