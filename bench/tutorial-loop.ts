/**
 * The tutorial's proof of work as a straightforward port would write it, the baseline of
 * `npm run bench`: per attempt build the guess string, await SubtleCrypto, write the digest
 * as hex and compare its start, like `hashlib.sha256(guess).hexdigest()[:4] == "0000"`.
 * `stop` is polled per attempt: a timer would starve behind the stream of digest results.
 */
export async function tutorialProofOfWork(
  lastProof: bigint,
  difficulty: number,
  stop: () => boolean = () => false,
): Promise<{ proof: bigint | null; attempts: number }> {
  let proof = 0n;
  let attempts = 0;
  while (!stop()) {
    attempts++;
    if (await validProof(lastProof, proof, difficulty)) return { proof, attempts };
    proof += 1n;
  }
  return { proof: null, attempts };
}

async function validProof(lastProof: bigint, proof: bigint, difficulty: number): Promise<boolean> {
  const guess = new TextEncoder().encode(`${lastProof}${proof}`);
  const digest = await crypto.subtle.digest('SHA-256', guess);
  const guessHash = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return guessHash.slice(0, difficulty) === '0'.repeat(difficulty);
}
