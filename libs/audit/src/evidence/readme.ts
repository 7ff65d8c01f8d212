import type { IsoClause } from '@lib/domain';
import type { CheckpointSigner } from '@lib/event-store';
import type { Period } from '../requirements.js';

/** README.txt: what the pack is and how to check it offline. */
export function packReadme(period: Period, clause: IsoClause | undefined, signer: CheckpointSigner): string {
  return [
    'Evidence pack, ISO/IEC 20000-1:2018 clause 8.3',
    '',
    `Period: ${period.from.toISOString()} to ${period.to.toISOString()} (end exclusive)${clause ? `, clause ${clause}` : ''}`,
    `Signing key: ${signer.algorithm} ${signer.keyId}`,
    '',
    'Open index.html in any browser: it needs no network and no other file.',
    '',
    'To check the pack offline:',
    '  cli evidence verify <this archive> [--key <public key PEM or HMAC secret file>]',
    'checks every file against manifest.json (SHA-256), the manifest signature, each event of',
    'events.ndjson against its chain hash SHA-256(previous hash || canonical JSON of the event),',
    'the chain segment link by link, and the segment against the signed checkpoints of',
    'chain-proof.json. It names each file, line or position that was altered.',
    '',
    'By hand: sha256sum each file and compare with manifest.json. The canonical JSON of an event is',
    'its fields globalPosition (string), eventId, streamId, streamVersion, type, schemaVersion, data,',
    'metadata and recordedAt (ISO 8601), object keys sorted, no whitespace.',
    '',
  ].join('\n');
}
