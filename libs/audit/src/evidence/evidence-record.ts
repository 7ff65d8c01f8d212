import type { RecordedEvent } from '@lib/event-store';
import type { MatchableEvent } from '../requirements.js';
import type { StoredEvent } from './collect.js';

const NO_DATA: Record<string, unknown> = Object.freeze({});

/**
 * What the pack shows of an event that evidences a requirement (index.html and requirements.json):
 * a quarter's worth of these is kept until the end of the export, whole events would not fit.
 * The data is there only while the requirements are matched against the event.
 */
export class EvidenceRecord implements MatchableEvent {
  readonly globalPosition: bigint;
  readonly eventId: string;
  readonly streamId: string;
  readonly type: string;
  readonly recordedAt: Date;
  readonly metadata: { readonly clauses?: readonly string[]; readonly actor: string };
  data: Record<string, unknown>;

  /** `revealed`: the event with its data, when its type is one whose data is read. */
  constructor(event: StoredEvent, revealed?: RecordedEvent) {
    this.globalPosition = event.globalPosition;
    this.eventId = event.eventId;
    this.streamId = event.streamId;
    this.type = event.type;
    this.recordedAt = event.recordedAt;
    this.metadata = { clauses: event.metadata.clauses, actor: event.metadata.actor };
    this.data = revealed?.data ?? NO_DATA;
  }

  /** Once matched, the data is no longer needed. */
  matched(): void {
    this.data = NO_DATA;
  }
}
