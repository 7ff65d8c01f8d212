import type { IsoClause } from '@lib/domain';
import { REQUIREMENTS, type Period, type RequirementEvidence } from '../requirements.js';
import type { EvidenceRecord } from './evidence-record.js';
import { StreamedList } from './streamed-json.js';

/** requirements.json: each requirement, its status and the events evidencing it (written record by record). */
export function requirementsDocument(
  period: Period,
  clause: IsoClause | undefined,
  evidence: readonly RequirementEvidence<EvidenceRecord>[],
): unknown {
  return {
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    clause: clause ?? null,
    table: REQUIREMENTS.filter((requirement) => !clause || requirement.clause === clause),
    results: evidence.map((item) => ({
      id: item.requirement.id,
      clause: item.requirement.clause,
      status: item.status,
      ...(item.note ? { note: item.note } : {}),
      records: new StreamedList(recordsOf(item.records)),
    })),
  };
}

function* recordsOf(records: readonly EvidenceRecord[]) {
  for (const event of records) {
    yield {
      position: event.globalPosition.toString(),
      eventId: event.eventId,
      type: event.type,
      streamId: event.streamId,
      recordedAt: event.recordedAt.toISOString(),
    };
  }
}
