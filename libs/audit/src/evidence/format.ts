/** The files of an evidence pack and their shapes (what `evidence verify` reads back). */
export const PACK_FILES = {
  index: 'index.html',
  events: 'events.ndjson',
  proof: 'chain-proof.json',
  requirements: 'requirements.json',
  manifest: 'manifest.json',
  publicKey: 'public-key.pem',
  readme: 'README.txt',
} as const;

/** One line of events.ndjson: the event exactly as stored and chained, with its place in the chain. */
export interface EventLine {
  readonly globalPosition: string;
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
  readonly schemaVersion: number;
  /** As stored: a person's name, e-mail and phone are ciphertext (`pii:v1:…`), never clear text. */
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
  readonly recordedAt: string;
  /** The sealed position before this one (0 at the start of the log) and its chain hash. */
  readonly previousPosition: string;
  readonly previousHash: string;
  /** SHA-256(previousHash ‖ canonical JSON of the envelope), hex. */
  readonly hash: string;
}

/** A signed checkpoint as shipped: entries (8 bytes position + 8 bytes hash prefix each) in base64. */
export interface ProofCheckpoint {
  readonly position: string;
  readonly previousPosition: string;
  readonly hash: string;
  readonly entries: string;
  readonly signedAt: string;
  readonly algorithm: 'ed25519' | 'hmac-sha256';
  readonly keyId: string;
  readonly signature: string;
}

export interface ChainProof {
  readonly format: 'evidence-chain-proof/1';
  /** Every sealed position of the period's part of the log, with its chain hash (hex). */
  readonly segment: {
    readonly fromPosition: string;
    readonly toPosition: string;
    /** [position, previous position, hash]. */
    readonly hashes: readonly (readonly [string, string, string])[];
  };
  /** The signed checkpoints whose range meets the segment (the last one signed at export). */
  readonly checkpoints: readonly ProofCheckpoint[];
  /** The whole chain checked in the database at export, against every signed checkpoint. */
  readonly verification: Record<string, unknown>;
  readonly key: { readonly algorithm: string; readonly keyId: string; readonly publicKeyFile?: string };
}

export interface Manifest {
  readonly format: 'evidence-pack/1';
  readonly createdAt: string;
  readonly createdBy: string;
  readonly period: { readonly from: string; readonly to: string };
  readonly clause: string | null;
  /** The last sealed position of the log when the pack was made. */
  readonly headPosition: string;
  readonly events: number;
  /** SHA-256 (hex) of every other file of the archive. */
  readonly files: Record<string, { readonly sha256: string; readonly bytes: number }>;
  /** Over the canonical JSON of this manifest without `signature`, with the audit chain's signing key. */
  readonly signature?: { readonly algorithm: string; readonly keyId: string; readonly value: string };
}
