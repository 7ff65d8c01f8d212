import { createPublicKey } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import type { IsoClause } from '@lib/domain';
import {
  ChainSealer,
  createCheckpointSigner,
  verifyChainInParallel,
  type ChainVerification,
  type PersonKeys,
  type SigningKey,
} from '@lib/event-store';
import type { Period } from '../requirements.js';
import { chainProofDocument } from './chain-proof.js';
import { checkpointsCovering, collectEvents, lastPositionOf } from './collect.js';
import { DeflatingFile } from './deflating-file.js';
import { PACK_FILES, type Manifest } from './format.js';
import { packFileList } from './pack-files.js';
import { packReadme } from './readme.js';
import { emptyRegisters, foldRegisters, REGISTER_EVENT_TYPES } from './registers.js';
import { renderIndexHtml } from './report.js';
import { requirementsDocument } from './requirements-file.js';
import { writeJson } from './streamed-json.js';
import { manifestPayload } from './verify-pack.js';
import { PAGE, walkPeriod } from './walk-period.js';
import { deflateEntries, zipPieces, type DeflatedEntry } from './zip.js';

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

/** Milliseconds of each phase of making a pack. */
export interface PackPhases {
  readonly seal: number;
  /** Reading the log, tallying the requirements, folding the registers, writing events.ndjson. */
  readonly walk: number;
  /**
   * What is left of `verifyChain` over the period's stretch of the chain once the walk is done (it
   * starts when the walk reaches the period), while requirements.json is written.
   */
  readonly chainVerification: number;
  /** chain-proof.json, index.html and the small files. */
  readonly files: number;
}

/** A pack made and deflated, ready to be written out. */
export interface EvidencePack {
  readonly fileName: string;
  readonly events: number;
  readonly requirements: number;
  readonly gaps: readonly string[];
  readonly intact: boolean;
  /** The size of the archive. */
  readonly bytes: number;
  /** Taken to make it. */
  readonly milliseconds: number;
  readonly phases: PackPhases;
  /** The bytes of the archive, in order. */
  pieces(): Generator<Buffer>;
  /** Writes the archive to `out` (a file, an HTTP response) as a stream, and ends it. */
  writeTo(out: Writable): Promise<void>;
}

/** A pack with its archive in one buffer. */
export interface EvidenceExport extends Omit<EvidencePack, 'writeTo' | 'pieces'> {
  readonly archive: Buffer;
}

/** JSON text in which bigints are decimal strings. */
export const toJson = (value: unknown, indent = 2) =>
  JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item), indent);

const dayOf = (date: Date) => date.toISOString().slice(0, 10);

interface Range {
  readonly from: bigint;
  readonly to: bigint;
}

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

async function deflatedJson(name: string, document: unknown): Promise<DeflatedEntry> {
  const file = new DeflatingFile(name);
  await writeJson(file, document);
  return file.finish();
}

function summaryOf(verification: ChainVerification): string {
  if (!verification.intact) {
    return `first bad position ${verification.firstBadPosition} (${verification.reason}): ${verification.detail}`;
  }
  return verification.verifiedFrom === undefined
    ? `the whole log verified up to position ${verification.verifiedUpTo}, head hash ${verification.headHash.slice(0, 16)}…`
    : `the chain verified from the signed checkpoint at position ${verification.verifiedFrom} to position ${verification.verifiedUpTo}, hash there ${verification.headHash.slice(0, 16)}…`;
}

/**
 * Makes the evidence pack of a period: one ZIP an auditor checks offline (see README.txt inside).
 * Events are read as stored for events.ndjson (so their hashes can be recomputed) and through the
 * personal-data layer for index.html (a forgotten person shows as [erased]). The large files are
 * deflated as they are written; only their compressed bytes are held until the archive is written.
 */
export async function buildEvidencePack(
  pool: pg.Pool,
  keys: PersonKeys,
  options: EvidenceExportOptions,
): Promise<EvidencePack> {
  const started = Date.now();
  const now = options.now ?? (() => new Date());
  const { period, clause } = options;
  if (!(period.from < period.to)) throw new RangeError('the period must end after it starts');
  if (options.seal !== false) await sealForPack(pool, options.signingKey);
  const sealed = Date.now();

  const head = BigInt(
    (await pool.query<{ p: string | null }>('SELECT max(global_position) AS p FROM event_hashes')).rows[0]?.p ?? 0,
  );
  // The period's stretch of the chain, between the signed checkpoints around it: the pack vouches
  // for the period, and checking the whole log at every export would grow with the log, not the period.
  // In worker threads, leaving a core to the walk of the log that runs meanwhile.
  const verify = (range?: Range) =>
    verifyChainInParallel(pool, {
      batchSize: PAGE,
      threads: Math.max(1, availableParallelism() - 1),
      verificationKeys: [options.signingKey],
      ...(range ? { range } : {}),
    });
  // Checked while the log is walked, from the period's first event (the walk reads the events
  // before it first) to its last, found at once from the end of the log.
  const lastOfPeriod = lastPositionOf(pool, period, head);
  // Awaited once the walk reaches the period; should the walk fail first, its failure is the one reported.
  lastOfPeriod.catch(() => undefined);
  let early: Promise<{ range: Range; verification: ChainVerification }> | undefined;
  const walk = await walkPeriod(pool, keys, {
    period,
    clause,
    head,
    onFirst: (first) => {
      early = lastOfPeriod.then(async (last) => {
        const range = { from: first, to: last ?? first };
        return { range, verification: await verify(range) };
      });
      early.catch(() => undefined);
    },
  });
  const walked = Date.now();
  const range = walk.first !== undefined && walk.last !== undefined ? { from: walk.first, to: walk.last } : undefined;
  const verificationOfPeriod = async () => {
    const checked = await early;
    // Both name the period's first and last events; should they ever differ, the walk's range counts.
    return checked && range && checked.range.from === range.from && checked.range.to === range.to
      ? checked.verification
      : verify(range);
  };
  const [verification, requirementsFile] = await Promise.all([
    verificationOfPeriod(),
    deflatedJson(PACK_FILES.requirements, requirementsDocument(period, clause, walk.evidence)),
  ]);
  const verified = Date.now();

  const checkpoints = range ? await checkpointsCovering(pool, range.from, range.to) : [];
  const signer = createCheckpointSigner(options.signingKey);
  const publicKeyPem =
    typeof options.signingKey === 'string'
      ? undefined
      : createPublicKey(options.signingKey).export({ type: 'spki', format: 'pem' }).toString();
  const proofFile = await deflatedJson(
    PACK_FILES.proof,
    chainProofDocument(pool, { range, checkpoints, verification, signer, shipsPublicKey: Boolean(publicKeyPem) }),
  );
  const createdAt = now();
  const html = renderIndexHtml({
    period,
    clause,
    createdAt,
    createdBy: options.createdBy,
    evidence: walk.evidence,
    registers: walk.registers,
    periodEvents: walk.periodEvents,
    headPosition: head,
    chain: {
      intact: verification.intact,
      summary: summaryOf(verification),
      keyId: signer.keyId,
      checkpoints: checkpoints.length,
    },
    files: packFileList(walk.shipped, Boolean(publicKeyPem)),
  });
  const [index, ...rest] = await deflateEntries([
    { name: PACK_FILES.index, data: Buffer.from(html) },
    ...(publicKeyPem ? [{ name: PACK_FILES.publicKey, data: Buffer.from(publicKeyPem) }] : []),
    { name: PACK_FILES.readme, data: Buffer.from(packReadme(period, clause, signer)) },
  ]);
  const files = [index!, requirementsFile, walk.events, proofFile, ...rest];
  const unsigned: Manifest = {
    format: 'evidence-pack/1',
    createdAt: createdAt.toISOString(),
    createdBy: options.createdBy,
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    clause: clause ?? null,
    headPosition: head.toString(),
    events: walk.shipped,
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
  const [manifestFile] = await deflateEntries([{ name: PACK_FILES.manifest, data: Buffer.from(toJson(manifest)) }]);
  const entries = [...files, manifestFile!];
  const finished = Date.now();
  const lastDay = new Date(period.to.getTime() - 1);
  return {
    fileName: `evidence-${dayOf(period.from)}-to-${dayOf(lastDay)}${clause ? `-clause-${clause}` : ''}.zip`,
    events: walk.shipped,
    requirements: walk.evidence.length,
    gaps: walk.evidence.filter((item) => item.status === 'gap').map((item) => item.requirement.id),
    intact: verification.intact,
    bytes: [...zipPieces(entries, createdAt)].reduce((bytes, piece) => bytes + piece.length, 0),
    milliseconds: finished - started,
    phases: {
      seal: sealed - started,
      walk: walked - sealed,
      chainVerification: verified - walked,
      files: finished - verified,
    },
    pieces: () => zipPieces(entries, createdAt),
    writeTo: (out) => pipeline(Readable.from(zipPieces(entries, createdAt)), out),
  };
}

/** The evidence pack of a period with its archive in one buffer (for small periods and tests). */
export async function exportEvidencePack(
  pool: pg.Pool,
  keys: PersonKeys,
  options: EvidenceExportOptions,
): Promise<EvidenceExport> {
  const { writeTo: _writeTo, pieces, ...pack } = await buildEvidencePack(pool, keys, options);
  return { ...pack, archive: Buffer.concat([...pieces()]) };
}

/** The registers as they stood at the end of the period, e.g. for the pack's charts. */
export async function registersOfPeriod(pool: pg.Pool, keys: PersonKeys, period: Period, upTo: bigint) {
  const registers = emptyRegisters();
  const readTypes = new Set<string>(REGISTER_EVENT_TYPES);
  for await (const page of collectEvents(pool, keys, { period, upTo, historyTypes: REGISTER_EVENT_TYPES, readTypes })) {
    foldRegisters(
      registers,
      page.flatMap((event) => (event.revealed ? [event.revealed] : [])),
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
