import type pg from 'pg';
import type { IsoClause } from '@lib/domain';
import type { PersonKeys } from '@lib/event-store';
import {
  REQUIREMENTS,
  RequirementTally,
  standingEventTypes,
  type Period,
  type RequirementEvidence,
} from '../requirements.js';
import { collectEvents, eventLineJson } from './collect.js';
import { DeflatingFile } from './deflating-file.js';
import { EvidenceRecord } from './evidence-record.js';
import { PACK_FILES } from './format.js';
import { emptyRegisters, foldRegisters, REGISTER_EVENT_TYPES, type Registers } from './registers.js';
import type { DeflatedEntry } from './zip.js';

/**
 * Events a page. Small pages keep few events in flight (one page is worked on while the next is
 * read): pages of 5000 outlived V8's young generation, and collecting them cost more CPU than the
 * extra round trips of small pages.
 */
export const PAGE = 1000;

/** Of the events before the period, those the registers fold and the standing requirements count. */
const HISTORY_TYPES = [...new Set([...REGISTER_EVENT_TYPES, ...standingEventTypes()])];
/** The types whose data the pack reads: the registers fold it, and some requirements pick events by it. */
const READ_TYPES = new Set<string>([
  ...REGISTER_EVENT_TYPES,
  ...REQUIREMENTS.flatMap((requirement) => [
    ...requirement.sources,
    ...(requirement.onlyIf ? [requirement.onlyIf.source] : []),
  ])
    .filter((source) => source.where)
    .flatMap((source) => source.types),
]);

export interface PeriodWalk {
  readonly evidence: RequirementEvidence<EvidenceRecord>[];
  /** As they stood at the end of the period. */
  readonly registers: Registers;
  /** Positions of the first and last event of the period. */
  readonly first?: bigint;
  readonly last?: bigint;
  /** Events recorded in the period. */
  readonly periodEvents: number;
  /** Of those, the ones in events.ndjson (all, or those of the clause). */
  readonly shipped: number;
  readonly events: DeflatedEntry;
}

/**
 * One walk of the log up to `head` for the pack: the requirements tallied, the registers folded and
 * events.ndjson written and deflated as the pages come.
 */
export async function walkPeriod(
  pool: pg.Pool,
  keys: PersonKeys,
  options: {
    readonly period: Period;
    readonly clause?: IsoClause;
    readonly head: bigint;
    /** Told the position of the period's first event as soon as it is read. */
    readonly onFirst?: (position: bigint) => void;
  },
): Promise<PeriodWalk> {
  const { period, clause, head } = options;
  const tally = new RequirementTally<EvidenceRecord>(period, clause);
  const registers = emptyRegisters();
  const eventsFile = new DeflatingFile(PACK_FILES.events);
  let first: bigint | undefined;
  let last: bigint | undefined;
  let periodEvents = 0;
  let shipped = 0;
  const collecting = collectEvents(pool, keys, {
    pageSize: PAGE,
    period,
    upTo: head,
    historyTypes: HISTORY_TYPES,
    readTypes: READ_TYPES,
  });
  for await (const page of collecting) {
    const records = page.map((event) => new EvidenceRecord(event.stored, event.revealed));
    tally.add(records);
    for (const record of records) record.matched();
    foldRegisters(
      registers,
      page.flatMap((event) => (event.revealed ? [event.revealed] : [])),
    );
    for (const { stored, inPeriod, link } of page) {
      if (!inPeriod) continue;
      if (first === undefined) {
        first = stored.globalPosition;
        options.onFirst?.(first);
      }
      last = stored.globalPosition;
      periodEvents++;
      if (clause && !(stored.metadata.clauses ?? []).includes(clause)) continue;
      if (!link) throw new Error(`event at position ${stored.globalPosition} is not sealed`);
      await eventsFile.write(`${eventLineJson(stored, link)}\n`);
      shipped++;
    }
  }
  return {
    evidence: tally.results(),
    registers,
    first,
    last,
    periodEvents,
    shipped,
    events: await eventsFile.finish(),
  };
}
