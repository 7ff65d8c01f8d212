import type {
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  WatchHeadOptions,
} from '../event-store.js';
import { ERASED, decryptField, encryptField, isEncrypted } from './field-cipher.js';
import type { PersonKeys } from './person-keys.js';
import { personalFieldsOf } from './personal-fields.js';

/**
 * Crypto-shredding around any event store: personal fields are encrypted
 * with their person's key before they are stored, and decrypted on the way
 * out; a forgotten person's fields read as `[erased]`. Everything downstream
 * (projections, the Kafka relay, evidence) reads through this, so none of it
 * sees a forgotten person's data again.
 */
export class PersonalDataEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly keys: PersonKeys,
  ) {}

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedVersion: ExpectedVersion },
  ): Promise<AppendResult> {
    const fields = events.map((event) => personalFieldsOf(event.data));
    const keys = await this.keys.keysFor(fields.flat().map((field) => field.personId));
    const protectedEvents = events.map((event, i) => {
      if (fields[i]!.length === 0) return event;
      const data = structuredClone(event.data);
      for (const field of personalFieldsOf(data)) {
        const key = keys.get(field.personId);
        field.holder[field.field] = key
          ? encryptField(key, event.eventId, field.path, field.holder[field.field] as string)
          : ERASED;
      }
      return { ...event, data };
    });
    return this.inner.appendToStream(streamId, protectedEvents, options);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.reveal(await this.inner.readStream(streamId, options));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.reveal(await this.inner.readAll(options));
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    return this.inner.subscribeToAll({
      ...options,
      onEvent: async (event) => options.onEvent((await this.reveal([event]))[0]!),
    });
  }

  watchHead(options: WatchHeadOptions): Subscription {
    return this.inner.watchHead(options);
  }

  headPosition(): Promise<bigint> {
    return this.inner.headPosition();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** Decrypts what can be decrypted; the fields of forgotten people read as erased. */
  private async reveal(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    const encrypted = events.map((event) =>
      personalFieldsOf(event.data).filter((field) => isEncrypted(field.holder[field.field])),
    );
    const personIds = encrypted.flat().map((field) => field.personId);
    if (personIds.length === 0) return events;
    const keys = await this.keys.existingKeys(personIds);
    return events.map((event, i) => {
      if (encrypted[i]!.length === 0) return event;
      const data = structuredClone(event.data);
      for (const field of personalFieldsOf(data)) {
        const value = field.holder[field.field];
        if (!isEncrypted(value)) continue;
        const key = keys.get(field.personId);
        field.holder[field.field] = key ? decryptField(key, value) : ERASED;
      }
      return { ...event, data };
    });
  }
}
