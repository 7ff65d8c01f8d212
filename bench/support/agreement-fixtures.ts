/**
 * The data the HTTP benchmark's commands need, made through the service's own API: SLAs negotiated
 * by two people (an API key for each side), active from 2026-01-01, and monthly service level
 * periods opened on them.
 */

/** One credential's client of the service; every command must answer 2xx. */
export class ServiceClient {
  constructor(
    readonly url: string,
    readonly apiKey: string,
  ) {}

  async post(path: string, body: object): Promise<{ status: number; location: string | null; body: unknown }> {
    const response = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': this.apiKey },
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
    return { status: response.status, location: response.headers.get('location'), body: answer };
  }
}

export const slaTerms = (availability: number) => ({
  services: ['payroll'],
  targets: [
    {
      targetId: 'availability',
      name: 'Monthly availability of payroll',
      serviceId: 'payroll',
      metric: 'availability',
      comparator: '>=',
      value: availability,
      unit: '%',
      measurementPeriod: 'P1M',
      method: 'Minutes answering synthetic probes over minutes in the month',
      excludesApprovedDowntime: true,
    },
    {
      targetId: 'p1-response',
      name: 'Response to priority 1 incidents',
      metric: 'response-time',
      comparator: '<=',
      value: 4,
      unit: 'h',
      measurementPeriod: 'P1M',
      method: 'Slowest first response among priority 1 incidents',
    },
  ],
  exceptions: {
    plannedMaintenanceWindows: [
      { windowId: 'sunday-night', description: 'Weekly patching', schedule: 'Sundays 02:00-04:00 UTC' },
    ],
    excludedCauses: [{ causeId: 'customer-network', description: 'Outages of the customer network' }],
  },
  workloadLimits: [{ limitId: 'incidents', name: 'Incidents logged', unit: 'incidents', limit: 500, period: 'P1M' }],
  serviceCredits: [],
  provider: {
    owner: 'sam',
    obligations: ['Run the payroll service'],
    authorities: ['Schedule maintenance'],
    responsibilities: ['Report monthly'],
  },
  counterparty: {
    owner: 'carla',
    obligations: ['Pay monthly'],
    authorities: ['Approve changes to pay runs'],
    responsibilities: ['Name key users'],
  },
  reviewInterval: 'P6M',
  term: { effectiveFrom: '2026-01-01', effectiveTo: '2099-12-31', renewal: 'manual', noticePeriod: 'P3M' },
  escalation: {
    route: [{ level: 1, contact: 'service desk', within: 'PT4H' }],
    disputeResolution: 'Steering committee, then mediation',
  },
});

/** Drafted and proposed by the provider, accepted by both sides, in force from 2026-01-01; answers its id. */
export async function activeAgreement(provider: ServiceClient, customer: ServiceClient): Promise<string> {
  const drafted = await provider.post('/agreements', {
    kind: 'SLA',
    title: 'Payroll SLA',
    providerPartyId: 'party-provider',
    counterpartyPartyId: 'party-acme',
    counterpartyRole: 'customer',
  });
  const id = drafted.location!.split('/').pop()!;
  await provider.post(`/agreements/${id}/proposals`, { side: 'provider', terms: slaTerms(99.5) });
  await provider.post(`/agreements/${id}/acceptances`, { side: 'provider', version: 1 });
  await customer.post(`/agreements/${id}/acceptances`, { side: 'counterparty', version: 1 });
  await provider.post(`/agreements/${id}/activation`, { effectiveOn: '2026-01-01' });
  return id;
}

/** The month `2026-MM` as a period: its path segment and its start and end instants. */
export function month(monthOfYear: number): { periodId: string; start: string; end: string } {
  return {
    periodId: `2026-${String(monthOfYear).padStart(2, '0')}`,
    start: new Date(Date.UTC(2026, monthOfYear - 1, 1)).toISOString(),
    end: new Date(Date.UTC(2026, monthOfYear, 1)).toISOString(),
  };
}

/** Runs `work` for every item, at most `concurrency` at a time; the first failure fails all. */
export async function inParallel<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!);
      }
    }),
  );
  return results;
}
