// A downstream service that keeps its own view from the service's Kafka topics:
// the open complaints of each customer. Plain JavaScript (ESM) on kafkajs; see README.md.
import { Kafka, logLevel } from 'kafkajs';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((broker) => broker.trim());
const prefix = process.env.KAFKA_TOPIC_PREFIX ?? 'iso20000';
const topic = `${prefix}.complaints.v1`;
const groupId = process.env.GROUP_ID ?? 'example-open-complaints';

/**
 * The view: complaint id -> { customerId, serviceId, status }. A real service keeps it (and the
 * processed event ids) in its own database, in one transaction with each change.
 * @type {Map<string, { customerId: string, serviceId: string, status: string }>}
 */
const complaints = new Map();
/** Event ids already applied: delivery is at-least-once, so the same event can come again. */
const seen = new Set();

/**
 * @param {{ eventId: string, type: string, data: Record<string, any> }} event
 * @returns {boolean} whether the view changed
 */
function apply(event) {
  if (seen.has(event.eventId)) return false;
  seen.add(event.eventId);
  const { data } = event;
  const complaint = complaints.get(data.complaintId);
  switch (event.type) {
    case 'ComplaintRecorded':
      complaints.set(data.complaintId, { customerId: data.customerId, serviceId: data.serviceId, status: 'open' });
      return true;
    case 'ComplaintResolved':
      if (complaint) complaint.status = 'resolved';
      return Boolean(complaint);
    case 'ComplaintClosed':
      if (complaint) complaint.status = 'closed';
      return Boolean(complaint);
    case 'ComplaintReopened':
      if (complaint) complaint.status = 'open';
      return Boolean(complaint);
    default:
      return false; // other events of the topic do not change this view
  }
}

/** @returns {Record<string, string[]>} customer id -> ids of their complaints not closed */
function openComplaintsPerCustomer() {
  /** @type {Record<string, string[]>} */
  const view = {};
  for (const [id, complaint] of complaints) {
    if (complaint.status !== 'closed') (view[complaint.customerId] ??= []).push(id);
  }
  return view;
}

const kafka = new Kafka({ clientId: 'example-downstream-consumer', brokers, logLevel: logLevel.WARN });
const consumer = kafka.consumer({ groupId });

await consumer.connect();
await consumer.subscribe({ topic, fromBeginning: true });
process.stdout.write(`reading ${topic} on ${brokers.join(',')} as group ${groupId}\n`);

await consumer.run({
  eachMessage: async ({ message }) => {
    if (message.headers?.['content-type']?.toString() !== 'application/json' || !message.value) return;
    const event = JSON.parse(message.value.toString());
    const replay = message.headers['x-replay']?.toString() === 'true';
    if (apply(event)) {
      process.stdout.write(
        `${event.globalPosition} ${event.streamId} ${event.type}${replay ? ' (replay)' : ''}\n` +
          `  open complaints per customer: ${JSON.stringify(openComplaintsPerCustomer())}\n`,
      );
    }
  },
});

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    consumer.disconnect().finally(() => process.exit(0));
  });
}
