import type { EvidenceRecord } from './evidence-record.js';
import type { Period, Register, RequirementEvidence } from '../requirements.js';
import { escapeHtml as e, table } from './html.js';
import type { Registers } from './registers.js';
import { barChart, lineChart } from './svg-chart.js';

export interface ReportInput {
  readonly period: Period;
  readonly clause?: string;
  readonly createdAt: Date;
  readonly createdBy: string;
  readonly evidence: readonly RequirementEvidence<EvidenceRecord>[];
  readonly registers: Registers;
  /** Events recorded in the period (shipped in events.ndjson). */
  readonly periodEvents: number;
  readonly headPosition: bigint;
  readonly chain: { intact: boolean; summary: string; keyId: string; checkpoints: number };
  readonly files: readonly { name: string; description: string }[];
}

const MAX_RECORDS_SHOWN = 200;
const DAY = 86_400_000;
const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : '');
const ref = (position: string) => `<span class="pos">#${e(position)}</span>`;
const yesNo = (ok: boolean, text = ok ? 'yes' : 'NO') => `<span class="${ok ? 'ok' : 'bad'}">${e(text)}</span>`;

const REGISTER_TITLES: Record<Register, string> = {
  stakeholders: 'Stakeholder register and designated owners',
  communication: 'Communication arrangements',
  surveys: 'Customer satisfaction surveys',
  complaints: 'Service complaints',
  reviews: 'Reviews: minutes and actions',
  slas: 'Register of SLAs',
  performance: 'Performance against targets and workload',
  improvements: 'Improvement opportunities',
  suppliers: 'Supplier register',
  contracts: 'Contracts and OLAs',
  alignment: 'Alignment and risk assessments',
  changes: 'Contract changes and impact assessments',
  disputes: 'Disputes',
};

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1200px;padding:16px 24px;color:#111}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;border-bottom:2px solid #333;padding-bottom:2px;margin-top:32px}
h3{font-size:15px;margin:18px 0 6px}table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:12.5px}
th,td{border:1px solid #ccc;padding:3px 6px;vertical-align:top;text-align:left}th{background:#f2f2f2}
.muted{color:#777}.ok{color:#11663a;font-weight:600}.bad{color:#b00020;font-weight:700}
.gap{background:#fde8ea}.status{font-weight:700}.pos{font-family:ui-monospace,monospace;color:#555}
nav a{margin-right:10px}code,.mono{font-family:ui-monospace,monospace;font-size:12px;word-break:break-all}
.charts{display:flex;flex-wrap:wrap;gap:12px}.charts svg{border:1px solid #ddd;background:#fff}
@media print{nav{display:none}h2{page-break-before:auto}}
`;

function requirementMap(input: ReportInput): string {
  const rows = input.evidence.map((item) => {
    const { requirement } = item;
    const gap = item.status === 'gap';
    const cells = [
      `<a href="#req-${e(requirement.id)}">${e(requirement.id)}</a>`,
      e(requirement.clause),
      e(requirement.requirement),
      e(requirement.evidence),
      gap
        ? `<span class="status bad">GAP</span>${item.note ? `<div class="muted">${e(item.note)}</div>` : ''}`
        : `<span class="status ok">EVIDENCED</span>`,
      String(item.records.length),
      `<a href="#reg-${requirement.register}">${e(REGISTER_TITLES[requirement.register])}</a>`,
    ];
    return gap ? { cells, className: 'gap' } : cells;
  });
  const gaps = input.evidence.filter((item) => item.status === 'gap').length;
  return (
    `<p>${input.evidence.length} requirements: ${input.evidence.length - gaps} evidenced, ` +
    `<span class="${gaps ? 'bad' : 'ok'}">${gaps} GAP${gaps === 1 ? '' : 'S'}</span>.</p>` +
    table(['Id', 'Clause', 'Requirement', 'Evidence expected', 'Status', 'Records', 'Register'], rows)
  );
}

function requirementDetails(input: ReportInput): string {
  return input.evidence
    .map((item) => {
      const { requirement } = item;
      const shown = item.records.slice(0, MAX_RECORDS_SHOWN);
      const rows = shown.map((event) => [
        ref(event.globalPosition.toString()),
        e(event.recordedAt.toISOString()),
        e(event.type),
        `<code>${e(event.streamId)}</code>`,
        e(event.metadata.actor),
      ]);
      const more =
        item.records.length > shown.length
          ? `<p class="muted">and ${item.records.length - shown.length} more (see requirements.json and events.ndjson)</p>`
          : '';
      const sources = requirement.sources
        .map(
          (source) =>
            `${source.types.join(', ')}${source.clause ? ` [clause ${source.clause}]` : ''}${source.where ? ` where ${source.where.path} in (${source.where.in.join(', ')})` : ''} — ${source.scope === 'period' ? 'recorded in the period' : 'recorded by the end of the period'}`,
        )
        .map((text) => `<li>${e(text)}</li>`)
        .join('');
      return (
        `<h3 id="req-${e(requirement.id)}">${e(requirement.id)} ${item.status === 'gap' ? '<span class="bad">GAP</span>' : '<span class="ok">evidenced</span>'}: ${e(requirement.requirement)}</h3>` +
        `<details><summary class="muted">Records that count as evidence</summary><ul>${sources}</ul></details>` +
        (item.status === 'gap'
          ? `<p class="bad">No record in the period.${item.note ? ` <span class="muted">(${e(item.note)})</span>` : ''}</p>`
          : table(['Position', 'Recorded at', 'Event', 'Record (stream)', 'Actor'], rows) + more)
      );
    })
    .join('\n');
}

function registerSections(input: ReportInput): Record<Register, string> {
  const r = input.registers;
  const end = input.period.to.getTime();
  const ownerOf = (partyId: string, responsibilities: string[]) => {
    const entry = r.parties.get(partyId);
    const owner = responsibilities.map((key) => entry?.owners.get(key)).find(Boolean);
    return owner
      ? `${e(owner.name)} <span class="muted">(${e(owner.personId)}, from ${e(owner.from)})</span> ${ref(owner.ref.position)}`
      : '<span class="bad">none designated</span>';
  };
  const partyName = (id: string) => e(r.parties.get(id)?.name ?? id);
  const stakeholders = [...r.parties.values()].filter((p) =>
    [...p.roles.keys()].some((role) => ['customer', 'user', 'interested-party'].includes(role)),
  );
  const supplierParties = [...r.parties.values()].filter((p) =>
    [...p.roles.keys()].some((role) => role.includes('supplier')),
  );
  const agreements = [...r.agreements.values()];
  const terms = (a: (typeof agreements)[number]) => (a.terms ?? {}) as Record<string, unknown>;
  const arr = (value: unknown) => (Array.isArray(value) ? (value as Record<string, unknown>[]) : []);
  const side = (value: unknown) => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});
  const proof = (a: (typeof agreements)[number]) => {
    const version = a.agreed?.version;
    const sides = a.acceptances.filter((acceptance) => acceptance.version === version);
    return a.agreed
      ? `v${a.agreed.version} agreed ${e(day(a.agreed.at))} ${ref(a.agreed.position)}; accepted by ${sides.map((x) => `${e(x.side)} (${e(x.by)}) ${ref(x.ref.position)}`).join(', ') || 'n/a'}${a.activated ? `; in force from ${e(a.activated.effectiveOn)} ${ref(a.activated.position)}` : ''}`
      : '<span class="bad">not agreed</span>';
  };

  const slaRows = agreements
    .filter((a) => a.kind === 'SLA')
    .map((a) => [
      `<code>${e(a.agreementId)}</code><br>${e(a.title)}`,
      `${partyName(a.provider)} → ${partyName(a.counterparty)}`,
      e(a.status),
      proof(a),
      arr(terms(a).targets)
        .map((t) => `${e(t.name)}: ${e(t.metric)} ${e(t.comparator)} ${e(t.value)}${e(t.unit ?? '')}`)
        .join('<br>') || '<span class="bad">no targets</span>',
      arr(terms(a).workloadLimits)
        .map((l) => `${e(l.name)} ≤ ${e(l.limit)} ${e(l.unit)}/${e(l.period ?? 'period')}`)
        .join('<br>') || '<span class="bad">none</span>',
      [
        ...arr(side(terms(a).exceptions).plannedMaintenanceWindows).map((w) => `window: ${e(w.schedule)}`),
        ...arr(side(terms(a).exceptions).excludedCauses).map((c) => `excluded: ${e(c.description)}`),
      ].join('<br>') || '<span class="muted">none</span>',
      arr(side(terms(a).escalation).route)
        .map((step) => `${e(step.level)}. ${e(step.contact)}`)
        .join('<br>'),
    ]);

  const contractRows = agreements
    .filter((a) => a.kind === 'UNDERPINNING_CONTRACT' || a.kind === 'OLA')
    .map((a) => {
      const t = terms(a);
      const contract = side(t.contract);
      const provider = side(t.provider);
      const counterparty = side(t.counterparty);
      const hasScope = typeof contract.scope === 'string' && contract.scope.length > 0;
      const hasRequirements = arr(contract.requirements).length > 0;
      const hasTargets =
        arr(t.targets).length > 0 || arr(provider.obligations).length + arr(counterparty.obligations).length > 0;
      const hasAuthorities =
        arr(provider.authorities).length > 0 &&
        arr(counterparty.authorities).length > 0 &&
        arr(provider.responsibilities).length > 0 &&
        arr(counterparty.responsibilities).length > 0;
      return [
        `<code>${e(a.agreementId)}</code><br>${e(a.title)} <span class="muted">(${e(a.kind)})</span>`,
        `${partyName(a.counterparty)}<br>owner: ${e(counterparty.owner ?? '')} / ${e(provider.owner ?? '')}`,
        proof(a),
        `${yesNo(hasScope, hasScope ? 'a) scope' : 'a) scope MISSING')}: ${e(contract.scope ?? '')}<br>` +
          `${yesNo(hasRequirements, hasRequirements ? 'b) requirements' : 'b) requirements MISSING')}: ${arr(
            contract.requirements,
          )
            .map((x) => e(x))
            .join('; ')}<br>` +
          `${yesNo(hasTargets, hasTargets ? 'c) targets/obligations' : 'c) targets MISSING')}: ${arr(t.targets)
            .map((x) => `${e(x.name)} ${e(x.comparator)} ${e(x.value)}${e(x.unit ?? '')}`)
            .join('; ')}<br>` +
          `${yesNo(hasAuthorities, hasAuthorities ? 'd) authorities and responsibilities' : 'd) authorities/responsibilities MISSING')}: provider ${arr(
            provider.authorities,
          )
            .concat(arr(provider.responsibilities))
            .map((x) => e(x))
            .join('; ')}; supplier ${arr(counterparty.authorities)
            .concat(arr(counterparty.responsibilities))
            .map((x) => e(x))
            .join('; ')}`,
        e(a.status),
      ];
    });

  const changes = agreements.flatMap((a) =>
    [...a.amendments.values()].map((m) => {
      const assessedFirst =
        m.impact !== undefined && (m.amended === undefined || Number(m.impact.position) < Number(m.amended.position));
      return [
        `<code>${e(a.agreementId)}</code> <span class="muted">(${e(a.kind)})</span>`,
        `v${m.version}${m.proposed ? `: ${e(m.proposed.rationale)} (from ${e(m.proposed.effectiveOn)}) ${ref(m.proposed.position)}` : ''}`,
        m.impact
          ? `${e(m.impact.impact)}: ${e(m.impact.summary)}${m.impact.risks.length ? `; risks: ${m.impact.risks.map((x) => e(x)).join('; ')}` : ''} ${ref(m.impact.position)}`
          : '<span class="bad">not assessed</span>',
        m.decisions
          .map((x) => `${e(x.side)} ${x.accepted ? 'accepted' : 'rejected'} ${ref(x.ref.position)}`)
          .join('<br>'),
        m.amended ? `in force ${ref(m.amended.position)}` : 'pending',
        a.kind === 'SLA' || a.kind === 'SLR' || a.kind === 'MOU'
          ? '<span class="muted">n/a</span>'
          : yesNo(assessedFirst, assessedFirst ? 'assessed before approval' : 'NOT assessed before approval'),
      ];
    }),
  );

  const judgementRows = r.judgements.map((j) => [
    `<code>${e(j.agreementId)}</code>`,
    e(j.periodId),
    e(j.targetId),
    `${e(j.comparator)} ${e(j.target)} ${e(j.unit)}`,
    j.value === null ? '<span class="muted">not measured</span>' : e(j.value),
    j.outcome === 'met'
      ? yesNo(true, 'met')
      : j.outcome === 'breached'
        ? yesNo(false, 'BREACHED')
        : '<span class="bad">not measured</span>',
    ref(j.ref.position),
  ]);
  const workloadRows = r.workload.map((w) => [
    `<code>${e(w.agreementId)}</code>`,
    e(w.periodId),
    e(w.limitId),
    `${e(w.limit)} ${e(w.unit)}`,
    w.actual === null ? '<span class="muted">not recorded</span>' : e(w.actual),
    w.outcome === 'within'
      ? yesNo(true, 'within')
      : yesNo(false, w.outcome === 'exceeded' ? 'EXCEEDED' : 'not recorded'),
    ref(w.ref.position),
  ]);

  const improvements = [...r.improvements.values()];
  const breaches = r.judgements.filter((j) => j.outcome === 'breached');
  const raisedBy = new Map<string, (typeof improvements)[number]>();
  for (const improvement of improvements) {
    if (improvement.causeEventId && !raisedBy.has(improvement.causeEventId)) {
      raisedBy.set(improvement.causeEventId, improvement);
    }
  }
  const breachRows = breaches.map((b) => {
    const raised = raisedBy.get(b.eventId);
    return [
      `<code>${e(b.agreementId)}</code> ${e(b.periodId)} ${e(b.targetId)} ${ref(b.ref.position)}`,
      raised
        ? `<code>${e(raised.improvementId)}</code> ${e(raised.title)} ${ref(raised.raised.position)}`
        : '<span class="bad">no improvement opportunity raised</span>',
      raised ? e(raised.status) : '',
    ];
  });
  const improvementRows = improvements.map((i) => [
    `<code>${e(i.improvementId)}</code><br>${e(i.title)}`,
    `${e(i.causeKind)}${i.causeStream ? `<br><code>${e(i.causeStream)}</code>` : ''}`,
    e(i.owner ?? ''),
    [...i.actions.values()]
      .map(
        (a) =>
          `${e(a.description)}${a.dueOn ? ` (due ${e(a.dueOn)})` : ''}${a.completed ? ` — done ${e(a.completed)}` : ''}`,
      )
      .join('<br>'),
    `${e(i.status)}${i.closure ? `: ${e(i.closure)}` : ''}`,
    ref(i.raised.position),
  ]);

  const complaints = [...r.complaints.values()];
  const complaintRows = complaints.map((c) => [
    `<code>${e(c.complaintId)}</code>`,
    `${partyName(c.customerId)}<br>${e(c.complainant)}`,
    `${e(c.serviceId)} via ${e(c.channel)}`,
    e(day(c.receivedAt)),
    c.escalations.map((x) => `${e(x.route)} → ${e(x.to)} ${ref(x.ref.position)}`).join('<br>') ||
      '<span class="muted">none</span>',
    `${e(c.status)}${c.resolution ? `: ${e(c.resolution)}` : ''}`,
    e(day(c.closedAt)),
    String(ageInDays(c.receivedAt || c.recorded.at, c.closedAt, end)),
  ]);

  const surveyRows = [...r.surveys.values()].map((s) => {
    const a = s.analysis ?? {};
    return [
      `<code>${e(s.surveyId)}</code><br>${e(s.title)}`,
      e(s.period),
      `${e(s.frame)}<br>method: ${e(s.method)}`,
      `${s.invited} invited, ${s.responses} responses`,
      s.analysis
        ? `response rate ${e(Math.round(Number(a.responseRate) * 1000) / 10)}%, mean ${e(a.overallMean ?? 'n/a')}` +
          (a.trend ? `, change ${e((a.trend as Record<string, unknown>).overallMeanChange ?? 'n/a')}` : '')
        : '<span class="muted">not analysed</span>',
      s.reported
        ? `${e(s.reported.summary)} (to ${e(s.reported.recipients)}) ${ref(s.reported.position)}`
        : '<span class="muted">not reported</span>',
    ];
  });

  const reviewRows = [...r.reviews.values()].map((v) => [
    `<code>${e(v.reviewId)}</code>`,
    e(v.subject),
    `due ${e(v.dueOn)}${v.heldOn ? `, held ${e(v.heldOn)}` : ''} (${e(v.status)})`,
    v.heldOn
      ? `attendees: ${e(v.attendees)}<br>trends: ${e(v.trends)}<br>workload: ${e(v.workload)}<br>findings: ${(v.findings ?? []).map((x) => e(x)).join('; ')}<br>decisions: ${(v.decisions ?? []).map((x) => e(x)).join('; ')}`
      : '<span class="muted">no minutes yet</span>',
    [...v.actions.values()]
      .map(
        (a) =>
          `${e(a.description)} (${e(a.ownerId)}, due ${e(a.dueOn)})${a.completed ? ` — done ${e(a.completed)}` : ''}`,
      )
      .join('<br>'),
  ]);

  const supplierIds = new Set([...supplierParties.map((p) => p.partyId), ...r.suppliers.keys()]);
  const supplierRows = [...supplierIds].map((id) => {
    const supplier = r.suppliers.get(id);
    const partyEntry = r.parties.get(id);
    return [
      `<code>${e(id)}</code><br>${partyName(id)}`,
      e(supplier?.kind ?? [...(partyEntry?.roles.keys() ?? [])].join(', ')),
      ownerOf(id, ['supplier-relationship', 'contracts']),
      supplier
        ? `${e(supplier.status)}${supplier.weightedScore !== undefined ? ` (score ${e(supplier.weightedScore)})` : ''}: ${e(supplier.scope)}`
        : '<span class="muted">no selection recorded</span>',
      supplier
        ? [...supplier.interfaces.values()]
            .map(
              (i) =>
                `${e(i.providerProcess)} ↔ ${e(i.supplierProcess)}: ${e(i.description)}${i.retired ? ' (retired)' : ''}`,
            )
            .join('<br>') || '<span class="muted">none</span>'
        : '',
      supplier
        ? [...supplier.risks.values()]
            .map(
              (k) =>
                `${e(k.description)} (L${k.likelihood}×I${k.impact}, owner ${e(k.ownerId)})${k.treatment ? `: ${e(k.treatment)}` : ''}${k.closed ? ' — closed' : ''}`,
            )
            .join('<br>') || '<span class="muted">none</span>'
        : '',
    ];
  });

  const alignmentRows = r.alignments.map((a) => [
    `<code>${e(a.agreementId)}</code> ${e(a.supplierTargetId)}: ${e(a.supplierTarget)}`,
    `<code>${e(a.customerAgreementId)}</code> ${e(a.customerTargetId)}: ${e(a.customerTarget)}`,
    a.outcome === 'aligned' ? yesNo(true, 'aligned') : yesNo(false, a.outcome),
    `${e(a.risk)}${a.treatment ? `<br>treatment: ${e(a.treatment)}` : ''}`,
    ref(a.ref.position),
  ]);

  const disputeRows = [...r.disputes.values()].map((d) => [
    `<code>${e(d.disputeId)}</code>`,
    partyName(d.partyId),
    `${e(d.subject)}<br>${e(d.claim)}`,
    e(day(d.raisedAt)),
    `${d.evidence} evidence, ${d.escalations} escalations`,
    `${e(d.status)}${d.resolution ? `: ${e(d.resolution)}` : ''}`,
    e(day(d.closedAt)),
    String(ageInDays(d.raisedAt, d.closedAt, end)),
  ]);

  const communicationRows = [...r.parties.values()].flatMap((p) => [
    ...[...p.arrangements.entries()].map(([id, a]) => [
      partyName(p.partyId),
      `arrangement <code>${e(id)}</code>: ${e(a.purpose)}`,
      `${e(a.channel)}, ${e(a.frequency)}`,
      e(a.participants),
      a.ended ? `ended ${e(a.ended)}` : 'in place',
      ref(a.ref.position),
    ]),
    ...p.communications.map((c) => [
      partyName(p.partyId),
      `held ${e(c.heldOn)}`,
      e(c.channel),
      e(c.summary),
      '',
      ref(c.ref.position),
    ]),
  ]);

  return {
    stakeholders: table(
      ['Party', 'Roles', 'Responsible for the relationship'],
      stakeholders.map((p) => [
        `<code>${e(p.partyId)}</code><br>${e(p.name)}`,
        [...p.roles.entries()]
          .map(([role, v]) => `${e(role)} from ${e(v.from)}${v.until ? ` until ${e(v.until)}` : ''}`)
          .join('<br>'),
        ownerOf(p.partyId, ['customer-relationship', 'performance']),
      ]),
    ),
    communication: table(
      ['Party', 'Arrangement / communication', 'Channel', 'Participants / summary', 'Status', 'Event'],
      communicationRows,
    ),
    surveys: table(['Survey', 'Period', 'Sample frame and method', 'Sample', 'Results', 'Reported'], surveyRows),
    complaints: table(
      ['Complaint', 'Customer / complainant', 'Service', 'Received', 'Escalations', 'Status', 'Closed', 'Age (days)'],
      complaintRows,
    ),
    reviews: table(['Review', 'Subject', 'When', 'Minutes', 'Actions'], reviewRows),
    slas: table(
      [
        'SLA',
        'Parties',
        'Status',
        'Proof of agreement',
        'Targets',
        'Workload limits',
        'Exceptions',
        'Escalation route',
      ],
      slaRows,
    ),
    performance:
      '<h3>Against service level targets</h3>' +
      table(['Agreement', 'Period', 'Target', 'Target level', 'Judged value', 'Outcome', 'Event'], judgementRows) +
      '<h3>Actual workload against workload limits</h3>' +
      table(['Agreement', 'Period', 'Limit', 'Limit value', 'Actual', 'Outcome', 'Event'], workloadRows),
    improvements:
      '<h3>Missed targets and the improvement they raised</h3>' +
      table(['Breach', 'Improvement opportunity', 'Status'], breachRows, 'No target was missed.') +
      '<h3>All improvement opportunities</h3>' +
      table(['Improvement', 'Cause', 'Owner', 'Actions', 'Status', 'Raised'], improvementRows),
    suppliers: table(['Supplier', 'Kind', 'Designated owner', 'Selection', 'Interfaces', 'Risks'], supplierRows),
    contracts: table(
      ['Contract / OLA', 'Supplier and owners', 'Proof of agreement', 'Content (8.3.4.1 a–d)', 'Status'],
      contractRows,
    ),
    alignment: table(
      ['Supplier target', 'Customer target it underpins', 'Outcome', 'Risk and treatment', 'Event'],
      alignmentRows,
    ),
    changes: table(['Agreement', 'Change', 'Impact assessment', 'Decisions', 'Outcome', 'Check'], changes),
    disputes: table(
      ['Dispute', 'Party', 'Subject and claim', 'Raised', 'Handling', 'Status', 'Closed', 'Age (days)'],
      disputeRows,
    ),
  };
}

function ageInDays(start: string, closed: string | undefined, end: number): number {
  const from = Date.parse(start);
  const to = closed ? Math.min(Date.parse(closed), end) : end;
  return Number.isFinite(from) ? Math.max(0, Math.floor((to - from) / DAY)) : 0;
}

const BUCKETS = [
  { label: '0–7 d', max: 7 },
  { label: '8–30 d', max: 30 },
  { label: '31–90 d', max: 90 },
  { label: '> 90 d', max: Infinity },
];

function ageingChart(title: string, items: { start: string; closed?: string }[], end: number): string {
  const count = (open: boolean) =>
    BUCKETS.map(
      (bucket, i) =>
        items.filter((item) => {
          if (Boolean(item.closed) === open) return false;
          const age = ageInDays(item.start, item.closed, end);
          return age <= bucket.max && (i === 0 || age > BUCKETS[i - 1]!.max);
        }).length,
    );
  return barChart({
    title,
    labels: BUCKETS.map((bucket) => bucket.label),
    series: [
      { name: 'open at period end', values: count(true) },
      { name: 'closed (age at closure)', values: count(false) },
    ],
  });
}

/** The pack's charts as inline SVG: targets per period, each target over time, satisfaction, ageing. */
export function renderCharts(r: Registers, period: Period): string[] {
  const end = period.to.getTime();
  const out: string[] = [];
  const periods = [...new Set(r.judgements.map((j) => j.periodId))].sort();
  const outcomes = new Map<string, number>();
  for (const j of r.judgements)
    outcomes.set(`${j.periodId}|${j.outcome}`, (outcomes.get(`${j.periodId}|${j.outcome}`) ?? 0) + 1);
  if (periods.length) {
    out.push(
      barChart({
        title: 'Targets per period',
        labels: periods,
        series: (['met', 'breached', 'not-measured'] as const).map((outcome) => ({
          name: outcome,
          values: periods.map((p) => outcomes.get(`${p}|${outcome}`) ?? 0),
        })),
      }),
    );
    const targets = [...new Set(r.judgements.map((j) => `${j.agreementId}|${j.targetId}`))].slice(0, 12);
    for (const key of targets) {
      const [agreementId, targetId] = key.split('|') as [string, string];
      const own = r.judgements.filter((j) => j.agreementId === agreementId && j.targetId === targetId);
      const labels = [...new Set(own.map((j) => j.periodId))].sort();
      const of = (p: string) => own.find((j) => j.periodId === p);
      out.push(
        lineChart({
          title: `${targetId} (${agreementId.slice(0, 12)})`,
          unit: own[0]?.unit,
          labels,
          series: [
            { name: 'judged value', values: labels.map((p) => of(p)?.value ?? null) },
            {
              name: `target ${own[0]?.comparator ?? ''} ${own[0]?.target ?? ''}`,
              values: labels.map((p) => of(p)?.target ?? null),
            },
          ],
        }),
      );
    }
  }
  const surveys = [...r.surveys.values()].filter((s) => s.analysis);
  if (surveys.length) {
    out.push(
      lineChart({
        title: 'Customer satisfaction trend (overall mean)',
        labels: surveys.map((s) => s.period.slice(-10)),
        series: [
          {
            name: 'overall mean',
            values: surveys.map((s) =>
              typeof s.analysis!.overallMean === 'number' ? (s.analysis!.overallMean as number) : null,
            ),
          },
          {
            name: 'response rate × 5',
            values: surveys.map((s) => Math.round(Number(s.analysis!.responseRate) * 500) / 100),
          },
        ],
      }),
    );
  }
  out.push(
    ageingChart(
      'Complaint ageing',
      [...r.complaints.values()].map((c) => ({ start: c.receivedAt || c.recorded.at, closed: c.closedAt })),
      end,
    ),
  );
  out.push(
    ageingChart(
      'Dispute ageing',
      [...r.disputes.values()].map((d) => ({ start: d.raisedAt, closed: d.closedAt })),
      end,
    ),
  );
  return out;
}

/** The pack's index.html: one self-contained page (inline CSS and SVG, no script, no external asset). */
export function renderIndexHtml(input: ReportInput): string {
  const registers = registerSections(input);
  const shown = new Set(input.evidence.map((item) => item.requirement.register));
  const order: Register[] = [
    'stakeholders',
    'communication',
    'reviews',
    'surveys',
    'complaints',
    'slas',
    'performance',
    'improvements',
    'suppliers',
    'contracts',
    'alignment',
    'changes',
    'disputes',
  ];
  const sections = order
    .filter((register) => shown.has(register))
    .map(
      (register) =>
        `<h2 id="reg-${register}">${e(REGISTER_TITLES[register])}</h2>\n<p class="muted">Evidence for ${input.evidence
          .filter((item) => item.requirement.register === register)
          .map((item) => `<a href="#req-${e(item.requirement.id)}">${e(item.requirement.id)}</a>`)
          .join(
            ', ',
          )}. State at the end of the period; # numbers are positions of events in events.ndjson.</p>\n${registers[register]}`,
    )
    .join('\n');
  const to = new Date(input.period.to.getTime() - 1);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Evidence pack ISO/IEC 20000-1 clause 8.3, ${e(day(input.period.from.toISOString()))} to ${e(day(to.toISOString()))}</title>
<style>${STYLE}</style></head>
<body>
<h1>Evidence pack: ISO/IEC 20000-1:2018 clause 8.3${input.clause ? ` (clause ${e(input.clause)} only)` : ''}</h1>
<p>Period <strong>${e(input.period.from.toISOString())}</strong> to <strong>${e(input.period.to.toISOString())}</strong> (end exclusive).
Made ${e(input.createdAt.toISOString())} by ${e(input.createdBy)} from the event log up to position ${e(input.headPosition)}; ${input.periodEvents} events recorded in the period.</p>
<p>Audit chain: ${input.chain.intact ? yesNo(true, 'INTACT') : yesNo(false, 'NOT INTACT')} — ${e(input.chain.summary)}; ${input.chain.checkpoints} signed checkpoints in the proof, key <code>${e(input.chain.keyId)}</code>.
Check this archive offline with <code>cli evidence verify &lt;archive&gt;</code> (see README.txt).</p>
<nav><a href="#requirements">Requirements</a><a href="#charts">Charts</a>${order
    .filter((register) => shown.has(register))
    .map((register) => `<a href="#reg-${register}">${e(REGISTER_TITLES[register])}</a>`)
    .join('')}<a href="#details">Records per requirement</a><a href="#files">Files</a></nav>
<h2 id="requirements">Requirements and the records that evidence them</h2>
${requirementMap(input)}
<h2 id="charts">Charts</h2>
<div class="charts">${renderCharts(input.registers, input.period).join('\n')}</div>
${sections}
<h2 id="details">Records per requirement</h2>
${requirementDetails(input)}
<h2 id="files">Files of this pack</h2>
${table(
  ['File', 'Content'],
  input.files.map((file) => [`<code>${e(file.name)}</code>`, e(file.description)]),
)}
<p class="muted">Names, e-mail addresses and phone numbers of people who asked to be forgotten show as [erased]; in events.ndjson personal fields appear only as ciphertext, as stored and chained.</p>
</body></html>
`;
}
