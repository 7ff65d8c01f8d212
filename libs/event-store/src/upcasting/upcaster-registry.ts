import type { RecordedEvent } from '../event-store.js';

/** Turns the data of one event type from one schema version into the next; pure, no I/O. */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly upcast: (data: Readonly<Record<string, unknown>>, event: Readonly<RecordedEvent>) => Record<string, unknown>;
}

/**
 * The upcasters of all event types. Applied on read, chaining versions (1 -> 2 -> 3 ...) until no
 * upcaster starts at the event's schema version; stored events are never rewritten.
 */
export class UpcasterRegistry {
  private readonly byKey = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const upcaster of upcasters) this.register(upcaster);
  }

  register(upcaster: Upcaster): this {
    const { type, fromVersion, toVersion } = upcaster;
    if (!Number.isInteger(fromVersion) || !Number.isInteger(toVersion) || fromVersion < 1 || toVersion <= fromVersion) {
      throw new RangeError(
        `Upcaster ${type}: versions must be integers with 1 <= from < to (got ${fromVersion} -> ${toVersion})`,
      );
    }
    const key = keyOf(type, fromVersion);
    if (this.byKey.has(key)) throw new Error(`Upcaster ${type} from version ${fromVersion} is already registered`);
    this.byKey.set(key, upcaster);
    return this;
  }

  get size(): number {
    return this.byKey.size;
  }

  /** The event in its newest known shape (the same object when no upcaster applies). */
  upcast(event: RecordedEvent): RecordedEvent {
    if (this.byKey.size === 0) return event;
    let current = event;
    for (let upcaster = this.find(current); upcaster; upcaster = this.find(current)) {
      current = { ...current, data: upcaster.upcast(current.data, current), schemaVersion: upcaster.toVersion };
    }
    return current;
  }

  private find(event: RecordedEvent): Upcaster | undefined {
    return this.byKey.get(keyOf(event.type, event.schemaVersion));
  }
}

const keyOf = (type: string, version: number) => `${version}\u0000${type}`;
