import { createPublicKey } from 'node:crypto';
import type pg from 'pg';
import type { IsoClause } from '@lib/domain';
import {
  ChainSealer,
  createCheckpointSigner,
  verifyChain,
  type PersonKeys,
  type RecordedEvent,
  type SigningKey,
} from '@lib/event-store';
import { REQUIREMENTS, RequirementTally, standingEventTypes, type Period } from '../requirements.js';
import { chainSegment, checkpointsCovering, collectEvents, eventLine } from './collect.js';
import { PACK_FILES, type ChainProof, type Manifest } from './format.js';
import { emptyRegisters, foldRegisters, REGISTER_EVENT_TYPES } from './registers.js';
import { renderIndexHtml } from './report.js';
import { manifestPayload } from './verify-pack.js';
import { deflateEntries, DeflatingFile, writeZip } from './zip.js';

export interface EvidenceExportOptions {
  readonly period: Period;
  readonly clause?: IsoClause;
  /** The audit chain's signing key: signs the checkpoint made for the pack and the manifest. */
  readonly signingKey: SigningKey;
  /** Who asked for the pack (the principal), for the record. */
  readonly createdBy: string;
  /** Seal what is pending and sign a checkpoint first, so every event of the period is covered (default true). */
  readonly seal?: boolean;
  readonly now?: () => Date;
}

export interface EvidenceExport {
  readonly archive: Buffer;
  readonly fileName: string;
  readonly events: number;
  readonly requirements: number;
  readonly gaps: readonly string[];
  readonly intact: boolean;
  readonly milliseconds: number;
}

/** JSON text in which bigints are decimal strings. */
export const toJson = (value: unknown, indent = 2) =>
  JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item), indent);

/** Of the events before the period, those the registers fold and the standing requirements count. */
const HISTORY_TYPES = [...new Set([...REGISTER_EVENT_TYPES, ...standingEventTypes()])];
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

async function sealForPack(pool: pg.Pool, signingKey: SigningKey): Promise<void> {
  const sealer = new ChainSealer(pool, { signingKey });
  for (let attempt = 0; ; attempt++) {
    try {
      await sealer.checkpoint();
      return;
    } catch (error) {
      // The service's background sealer may hold the lock for a moment.
      if (attempt >= 50 || !/lock/i.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * Builds the evidence pack of a period: one ZIP an auditor checks offline (see README.txt inside).
 * Events are read as stored for events.ndjson (so their hashes can be recomputed) and through the
 * personal-data layer for index.html (a forgotten person shows as [erased]).
 */
export async function exportEvidencePack(
  pool: pg.Pool,
  keys: PersonKeys,
  options: EvidenceExportOptions,
): Promise<EvidenceExport> {
  const started = Date.now();
  const now = options.now ?? (() => new Date());
  const { period, clause } = options;
  if (!(period.from < period.to)) throw new RangeError('the period must end after it starts');
  if (options.seal !== false) await sealForPack(pool, options.signingKey);

  const head = BigInt(
    (await pool.query<{ p: string | null }>('SELECT max(global_position) AS p FROM event_hashes')).rows[0]?.p ?? 0,
  );
  const tally = new RequirementTally<RecordedEvent>(period, clause);
  const registers = emptyRegisters();
  const eventsFile = new DeflatingFile(PACK_FILES.events);
  let first: bigint | undefined;
  let last: bigint | undefined;
  let periodEvents = 0;
  let shipped = 0;
  for await (const page of collectEvents(pool, keys, { period, upTo: head, historyTypes: HISTORY_TYPES })) {
    const revealed = page.map((event) => event.revealed);
    tally.add(revealed);
    foldRegisters(registers, revealed);
    let lines = '';
    for (const { stored, inPeriod, link } of page) {
      if (!inPeriod) continue;
      first ??= stored.globalPosition;
      last = stored.globalPosition;
      periodEvents++;
      if (clause && !(stored.metadata.clauses ?? []).includes(clause)) continue;
      if (!link) throw new Error(`event at position ${stored.globalPosition} is not sealed`);
      lines += `${JSON.stringify(eventLine(stored, link))}\n`;
      shipped++;
    }
    await eventsFile.append(lines);
  }
  const eventsEntry = eventsFile.finish();
  eventsEntry.catch(() => undefined);
  // The period's stretch of the chain, between the signed checkpoints around it: the pack vouches
  // for the period, and checking the whole log at every export would grow with the log, not the period.
  const verification = await verifyChain(pool, {
    verificationKeys: [options.signingKey],
    ...(first !== undefined && last !== undefined ? { range: { from: first, to: last } } : {}),
  });

  // The chain segment of the period and the checkpoints that sign it.
  const segment = first !== undefined && last !== undefined ? await chainSegment(pool, first, last) : undefined;
  const checkpoints = first !== undefined && last !== undefined ? await checkpointsCovering(pool, first, last) : [];
  const signer = createCheckpointSigner(options.signingKey);
  const publicKeyPem =
    typeof options.signingKey === 'string'
      ? undefined
      : createPublicKey(options.signingKey).export({ type: 'spki', format: 'pem' }).toString();
  const proof: ChainProof = {
    format: 'evidence-chain-proof/1',
    segment: segment ?? { fromPosition: '0', toPosition: '0', hashes: [] },
    checkpoints,
    verification: JSON.parse(toJson(verification)) as Record<string, unknown>,
    key: {
      algorithm: signer.algorithm,
      keyId: signer.keyId,
      ...(publicKeyPem ? { publicKeyFile: PACK_FILES.publicKey } : {}),
    },
  };

  const evidence = tally.results();
  const createdAt = now();
  const chainSummary = verification.intact
    ? verification.verifiedFrom === undefined
      ? `the whole log verified up to position ${verification.verifiedUpTo}, head hash ${verification.headHash.slice(0, 16)}…`
      : `the chain verified from the signed checkpoint at position ${verification.verifiedFrom} to position ${verification.verifiedUpTo}, hash there ${verification.headHash.slice(0, 16)}…`
    : `first bad position ${verification.firstBadPosition} (${verification.reason}): ${verification.detail}`;

  const fileList = [
    {
      name: PACK_FILES.index,
      description: 'This page: requirements of clauses 8.3.2 to 8.3.4.2 mapped to their records, registers, charts',
    },
    {
      name: PACK_FILES.requirements,
      description: 'The same mapping as data: each requirement, its status and the events evidencing it',
    },
    {
      name: PACK_FILES.events,
      description: `The ${shipped} events of the period as stored, one JSON object a line, each with its chain hash`,
    },
    {
      name: PACK_FILES.proof,
      description:
        'Chain proof: the hashes of the period, the signed checkpoints, the verification at export, the key id',
    },
    ...(publicKeyPem
      ? [
          {
            name: PACK_FILES.publicKey,
            description: 'The Ed25519 public key the checkpoints and the manifest are signed with',
          },
        ]
      : []),
    { name: PACK_FILES.readme, description: 'How to check this pack offline' },
    { name: PACK_FILES.manifest, description: 'SHA-256 of every other file, signed' },
  ];
  const html = renderIndexHtml({
    period,
    clause,
    createdAt,
    createdBy: options.createdBy,
    evidence,
    registers,
    periodEvents,
    headPosition: head,
    chain: { intact: verification.intact, summary: chainSummary, keyId: signer.keyId, checkpoints: checkpoints.length },
    files: fileList,
  });
  const requirementsJson = toJson({
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    clause: clause ?? null,
    table: REQUIREMENTS.filter((requirement) => !clause || requirement.clause === clause),
    results: evidence.map((item) => ({
      id: item.requirement.id,
      clause: item.requirement.clause,
      status: item.status,
      ...(item.note ? { note: item.note } : {}),
      records: item.records.map((event) => ({
        position: event.globalPosition.toString(),
        eventId: event.eventId,
        type: event.type,
        streamId: event.streamId,
        recordedAt: event.recordedAt.toISOString(),
      })),
    })),
  });
  const readme = [
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

  const [index, requirementsFile, proofFile, ...rest] = await deflateEntries([
    { name: PACK_FILES.index, data: Buffer.from(html) },
    { name: PACK_FILES.requirements, data: Buffer.from(requirementsJson) },
    { name: PACK_FILES.proof, data: Buffer.from(toJson(proof)) },
    ...(publicKeyPem ? [{ name: PACK_FILES.publicKey, data: Buffer.from(publicKeyPem) }] : []),
    { name: PACK_FILES.readme, data: Buffer.from(readme) },
  ]);
  const files = [index!, requirementsFile!, await eventsEntry, proofFile!, ...rest];
  const unsigned: Manifest = {
    format: 'evidence-pack/1',
    createdAt: createdAt.toISOString(),
    createdBy: options.createdBy,
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    clause: clause ?? null,
    headPosition: head.toString(),
    events: shipped,
    files: Object.fromEntries(files.map((file) => [file.name, { sha256: file.sha256, bytes: file.bytes }])),
  };
  const manifest: Manifest = {
    ...unsigned,
    signature: {
      algorithm: signer.algorithm,
      keyId: signer.keyId,
      value: signer.sign(manifestPayload(unsigned)).toString('base64'),
    },
  };
  const archive = writeZip([...files, { name: PACK_FILES.manifest, data: Buffer.from(toJson(manifest)) }], createdAt);
  const lastDay = new Date(period.to.getTime() - 1);
  return {
    archive,
    fileName: `evidence-${dayOf(period.from)}-to-${dayOf(lastDay)}${clause ? `-clause-${clause}` : ''}.zip`,
    events: shipped,
    requirements: evidence.length,
    gaps: evidence.filter((item) => item.status === 'gap').map((item) => item.requirement.id),
    intact: verification.intact,
    milliseconds: Date.now() - started,
  };
}

/** The registers as they stood at the end of the period, e.g. for the pack's charts. */
export async function registersOfPeriod(pool: pg.Pool, keys: PersonKeys, period: Period, upTo: bigint) {
  const registers = emptyRegisters();
  for await (const page of collectEvents(pool, keys, { period, upTo, historyTypes: REGISTER_EVENT_TYPES })) {
    foldRegisters(
      registers,
      page.map((event) => event.revealed),
    );
  }
  return registers;
}

/**
 * A period from the dates an auditor types: `from` at 00:00 UTC, `to` inclusive (to its end).
 * Full instants are taken as they are (`to` then exclusive).
 */
export function periodOf(from: string, to: string): Period {
  const start = /^\d{4}-\d{2}-\d{2}$/.test(from) ? new Date(`${from}T00:00:00.000Z`) : new Date(from);
  const end = /^\d{4}-\d{2}-\d{2}$/.test(to) ? new Date(Date.parse(`${to}T00:00:00.000Z`) + 86_400_000) : new Date(to);
  if (Number.isNaN(start.getTime())) throw new RangeError(`not a date: ${from}`);
  if (Number.isNaN(end.getTime())) throw new RangeError(`not a date: ${to}`);
  if (!(start < end)) throw new RangeError('the period must end after it starts');
  return { from: start, to: end };
}
