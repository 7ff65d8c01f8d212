/** The stream's version was not the one the caller expected. */
export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number | 'no-stream' | 'any',
    /** The stream's actual version, or -1 when it does not exist. */
    readonly actualVersion: number,
  ) {
    super(`Stream ${streamId} is at version ${actualVersion}, not ${String(expectedVersion)}`);
    this.name = 'WrongExpectedVersionError';
  }
}

export class StreamNotFoundError extends Error {
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} does not exist`);
    this.name = 'StreamNotFoundError';
  }
}

/** An event id was appended before with different content: a retry must resend the same event. */
export class DuplicateEventIdError extends Error {
  constructor(readonly eventId: string) {
    super(`Event ${eventId} was already appended with different content`);
    this.name = 'DuplicateEventIdError';
  }
}
