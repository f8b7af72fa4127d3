// Test-only: the Python reference tools, run with python3 on chain texts.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REFCHECK = fileURLToPath(new URL('../../fixtures/reference/refcheck.py', import.meta.url));

function python(args: readonly string[], input: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('python3', args, { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The last line refcheck.py prints for a chain text: `valid` or `invalid: <reason> …`. */
export function refcheck(text: string, options: { rule: 'tutorial' | 'repo'; difficulty: number; strict: boolean }): string {
  const args = [REFCHECK, '-', '-r', options.rule, '-d', String(options.difficulty), ...(options.strict ? ['--strict'] : [])];
  const { status, stdout, stderr } = python(args, text);
  if (status === 2) throw new Error(`refcheck.py failed: ${stderr}`);
  return stdout.trimEnd().split('\n').at(-1) ?? '';
}

/**
 * Every block's hash as Python computes it, and whether each block after the first holds
 * the `bound` rule's proof (see core/proof.ts), written here again in Python from its
 * definition: sha256(f"{last_proof}{proof}{last_hash}{content_hash}") where content_hash is
 * the hash of the block without its proof.
 */
const HASHES_SCRIPT = String.raw`
import hashlib, json, sys
def h(o): return hashlib.sha256(json.dumps(o, sort_keys=True).encode()).hexdigest()
doc = json.loads(sys.stdin.buffer.read())
chain = doc["chain"] if isinstance(doc, dict) else doc
zeros = "0" * int(sys.argv[1])
bound = []
for prev, block in zip(chain, chain[1:]):
    content = h({k: v for k, v in block.items() if k != "proof"})
    guess = f"{prev['proof']}{block['proof']}{h(prev)}{content}"
    bound.append(hashlib.sha256(guess.encode()).hexdigest().startswith(zeros))
print(json.dumps({"hashes": [h(b) for b in chain], "bound": bound}))
`;

export function pythonHashes(text: string, difficulty = 0): { hashes: string[]; bound: boolean[] } {
  const { status, stdout, stderr } = python(['-c', HASHES_SCRIPT, String(difficulty)], text);
  if (status !== 0) throw new Error(`python3 failed: ${stderr}`);
  return JSON.parse(stdout) as { hashes: string[]; bound: boolean[] };
}
