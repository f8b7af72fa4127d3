import type { NetworkRules, RulesClock, RulesSchedule } from '../../core/rules';
import type { NetworkName } from '../../network/ids';
import { isPublicKey, newKeyPair, publicKeyOf, signedBytes, signerFor, Verifier, type Signer } from '../../network/signing';

/**
 * The key that decides a network's rules and resets: its public half names the teacher (it
 * travels in the join link, `?key=`), its secret half stays in the browser that created the
 * network. Without the secret a node can follow the network but never change its rules.
 */
export interface NetworkKey {
  readonly publicKey: string;
  readonly secretKey?: string;
}

/** What the teacher signs: one version of the rules, or a reset of the network to them. */
export interface SignableVersion {
  readonly rules: NetworkRules;
  readonly schedule?: RulesSchedule;
  readonly clock: RulesClock;
}

export type SignedKind = 'rules' | 'reset';

/**
 * Signs and checks the network's versions of its rules. A signature covers the network's
 * name, what it is (rules or a reset), the rules, their schedule and their clock, so that none
 * of them can be changed, replayed as the other kind or carried to another network.
 *
 * Why signatures and not the highest clock: over a broker anyone in the room can send a
 * version with any clock; only the holder of the network's secret key can sign one.
 */
export class NetworkAuthority {
  private constructor(
    private readonly network: NetworkName,
    readonly publicKey: string,
    private readonly signer: Signer | null,
    private readonly verifier: Verifier,
  ) {}

  /** Throws when the key is not an Ed25519 key or its halves do not belong together. */
  static async of(network: NetworkName, key: NetworkKey): Promise<NetworkAuthority> {
    if (!isPublicKey(key.publicKey)) throw new Error('A network key is 43 base64url characters.');
    if (key.secretKey !== undefined && publicKeyOf(key.secretKey) !== key.publicKey) throw new Error('The secret key is not the network key’s.');
    const signer = key.secretKey === undefined ? null : await signerFor({ publicKey: key.publicKey, secretKey: key.secretKey });
    return new NetworkAuthority(network, key.publicKey, signer, new Verifier(4));
  }

  /** Whether this node holds the secret key: it is the teacher's and may change the rules. */
  get canSign(): boolean {
    return this.signer !== null;
  }

  /** The signature of `version`, or null when this node holds no secret key. */
  async sign(kind: SignedKind, version: SignableVersion): Promise<string | null> {
    return this.signer === null ? null : this.signer.sign(this.bytes(kind, version));
  }

  /** Whether the teacher signed `version` as `kind`; a missing signature is no signature. */
  async verifies(kind: SignedKind, version: SignableVersion, signature: string | null | undefined): Promise<boolean> {
    if (typeof signature !== 'string') return false;
    return this.verifier.verify(this.publicKey, this.bytes(kind, version), signature);
  }

  private bytes(kind: SignedKind, version: SignableVersion): Uint8Array {
    return signedBytes({
      network: this.network,
      kind,
      rules: version.rules,
      ...(version.schedule === undefined ? {} : { schedule: version.schedule }),
      clock: version.clock,
    });
  }
}

/** A new network's key: the node that makes it is its teacher. */
export function newNetworkKey(): Required<NetworkKey> {
  return newKeyPair();
}
