import type { MigrationInterface, QueryRunner } from 'typeorm';
import { IN_FLIGHT_LOCK_CLASS, NOTIFY_CHANNEL } from '../constants.js';

/**
 * The event store: the log, the append function, the safe read bound, and the tables of the hash chain.
 *
 * Global order. `global_position` comes from a sequence, so a transaction that took position 10 can
 * commit after one that took 11; a reader that returned 11 must never move past 10 while 10 may still
 * commit. The answer here is a high-water mark, with the gap question answered exactly instead of by
 * a timeout: before it takes positions, `event_store_append` reads the sequence's last value v and
 * takes a shared transaction-level advisory lock keyed by v + 1, a lower bound of every position it
 * will take. The lock is visible to other sessions at once (pg_locks) and is released only after the
 * commit is visible (or the rollback done). `event_store_safe_position()` reads the sequence's last
 * value L, then the in-flight locks: every position up to min(L, oldest lower bound - 1) is final, and
 * readers then read up to it with a new snapshot. Writers never wait for each other (no lock is held
 * across a commit and its WAL flush), and unlike the xmin-of-the-snapshot rule, readers are not held
 * up by unrelated long transactions anywhere on the server, only by appends still in flight, which is
 * exactly what correctness needs. Nothing has to be guessed, so a slow writer is never skipped.
 *
 * The alternative of one advisory lock held for the whole append transaction serialises every commit
 * (one WAL flush at a time); measured on the development machine it gave about a third of the
 * throughput of plain INSERTs. Every append must go through `event_store_append` or the lean functions
 * of EventStoreLeanAppend1790000610000, which announce themselves the same way.
 */
export class EventStore1790000000000 implements MigrationInterface {
  readonly name = 'EventStore1790000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}

const UP = [
  `CREATE SEQUENCE events_global_position_seq AS bigint START WITH 1 CACHE 1`,
  `CREATE TABLE events (
    global_position bigint PRIMARY KEY DEFAULT nextval('events_global_position_seq') CHECK (global_position > 0),
    stream_id text COLLATE "C" NOT NULL,
    stream_version integer NOT NULL CHECK (stream_version >= 0),
    event_id uuid NOT NULL,
    event_type text NOT NULL,
    schema_version integer NOT NULL CHECK (schema_version >= 1),
    data jsonb NOT NULL,
    metadata jsonb NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
    CONSTRAINT events_event_id_key UNIQUE (event_id),
    CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version)
  )`,
  `ALTER SEQUENCE events_global_position_seq OWNED BY events.global_position`,
  `CREATE INDEX events_type_position_idx ON events (event_type, global_position)`,
  `COMMENT ON TABLE events IS 'The event log: append-only, written through event_store_append(); never updated or deleted'`,
  // One row per sealed event, in global order: the hash chain over the log.
  `CREATE TABLE event_hashes (
    global_position bigint PRIMARY KEY,
    previous_position bigint NOT NULL,
    event_id uuid NOT NULL,
    hash bytea NOT NULL CHECK (length(hash) = 32)
  )`,
  `CREATE INDEX event_hashes_event_id_idx ON event_hashes (event_id)`,
  // Signed statements of the chain head, each covering the sealed events since the one before.
  `CREATE TABLE event_checkpoints (
    position bigint PRIMARY KEY,
    previous_position bigint NOT NULL,
    hash bytea NOT NULL CHECK (length(hash) = 32),
    entries bytea NOT NULL,
    signed_at timestamptz NOT NULL,
    algorithm text NOT NULL,
    key_id text NOT NULL,
    signature bytea NOT NULL
  )`,
  `CREATE FUNCTION event_store_append(
    p_stream_id text,
    p_expected_version bigint,
    p_events jsonb,
    p_notify boolean,
    p_check_ids boolean,
    OUT status text,
    OUT stream_version bigint,
    OUT positions bigint[],
    OUT conflict_event_id uuid
  ) LANGUAGE plpgsql AS $fn$
  -- p_expected_version: a version >= 0, -1 for no-stream, -2 for any.
  -- status: 'ok', 'idempotent' (the same events were appended before: their positions are returned),
  -- 'duplicate' (an event id exists with other content), 'wrong-version' (stream_version = actual).
  -- The event ids are looked up first only with p_check_ids, or when the expected version does not
  -- match: otherwise a known id shows up as a conflict on insert (SQLSTATE ES409), and the caller
  -- asks again with p_check_ids.
  DECLARE
    v_count integer := jsonb_array_length(p_events);
    v_current bigint;
    v_last bigint;
    v_key bigint;
    v_inserted integer;
    v_row record;
    v_first_version bigint;
    v_matches boolean := true;
    v_mismatch boolean;
  BEGIN
    SELECT coalesce(max(e.stream_version), -1) INTO v_current FROM events e WHERE e.stream_id = p_stream_id;
    v_mismatch := (p_expected_version = -1 AND v_current <> -1) OR (p_expected_version >= 0 AND v_current <> p_expected_version);

    IF (p_check_ids OR v_mismatch) AND EXISTS (SELECT 1 FROM events e WHERE e.event_id IN (SELECT (x->>'eventId')::uuid FROM jsonb_array_elements(p_events) x)) THEN
      positions := ARRAY[]::bigint[];
      FOR v_row IN
        SELECT r.ordinal, (r.item->>'eventId')::uuid AS id, e.global_position, e.stream_version AS version,
          (e.stream_id = p_stream_id AND e.event_type = r.item->>'type'
            AND e.schema_version = (r.item->>'schemaVersion')::integer
            AND e.data = r.item->'data' AND e.metadata = r.item->'metadata') AS same
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS r(item, ordinal)
        LEFT JOIN events e ON e.event_id = (r.item->>'eventId')::uuid
        ORDER BY r.ordinal
      LOOP
        IF v_row.ordinal = 1 THEN v_first_version := v_row.version; END IF;
        IF v_row.global_position IS NULL OR NOT v_row.same
          OR v_row.version IS DISTINCT FROM v_first_version + v_row.ordinal - 1 THEN
          v_matches := false;
          IF v_row.global_position IS NOT NULL AND conflict_event_id IS NULL THEN conflict_event_id := v_row.id; END IF;
        END IF;
        positions := positions || v_row.global_position;
        stream_version := v_row.version;
      END LOOP;
      IF v_matches THEN
        status := 'idempotent';
        RETURN;
      END IF;
      IF conflict_event_id IS NULL THEN
        SELECT (x->>'eventId')::uuid INTO conflict_event_id FROM jsonb_array_elements(p_events) x
        WHERE EXISTS (SELECT 1 FROM events e WHERE e.event_id = (x->>'eventId')::uuid) LIMIT 1;
      END IF;
      status := 'duplicate';
      stream_version := NULL;
      positions := NULL;
      RETURN;
    END IF;

    IF v_mismatch THEN
      status := 'wrong-version';
      stream_version := v_current;
      RETURN;
    END IF;

    -- Announce this append as in flight (see event_store_safe_position) with a lower bound of the
    -- positions it is about to take, then take them.
    v_last := coalesce(pg_sequence_last_value('events_global_position_seq'), 0);
    v_key := (v_last + 1) % 4294967296;
    PERFORM pg_advisory_xact_lock_shared(${IN_FLIGHT_LOCK_CLASS}, (CASE WHEN v_key >= 2147483648 THEN v_key - 4294967296 ELSE v_key END)::integer);
    SELECT array_agg(p ORDER BY p) INTO positions
    FROM (SELECT nextval('events_global_position_seq') AS p FROM generate_series(1, v_count)) s;

    INSERT INTO events (global_position, stream_id, stream_version, event_id, event_type,
      schema_version, data, metadata)
    SELECT positions[r.ordinal], p_stream_id, v_current + r.ordinal, (r.item->>'eventId')::uuid,
      r.item->>'type', (r.item->>'schemaVersion')::integer, r.item->'data', r.item->'metadata'
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS r(item, ordinal)
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS v_inserted = ROW_COUNT;
    IF v_inserted <> v_count THEN
      -- A concurrent append took the same stream version or event id and committed first:
      -- undo this one; the caller asks again and gets the precise answer.
      RAISE EXCEPTION 'concurrent append to stream %', p_stream_id USING ERRCODE = 'ES409';
    END IF;

    IF p_notify THEN
      PERFORM pg_notify('${NOTIFY_CHANNEL}', positions[v_count]::text);
    END IF;
    status := 'ok';
    stream_version := v_current + v_count;
  END
  $fn$`,
  `CREATE FUNCTION event_store_safe_position() RETURNS bigint LANGUAGE plpgsql AS $fn$
  -- The highest position up to which the log is final: every position at or below it is committed
  -- (and visible to any snapshot taken after this call returns) or was rolled back. Read the events
  -- up to it in a later statement.
  DECLARE
    v_last bigint;
    v_oldest bigint;
  BEGIN
    -- First the last position handed out, then the appends in flight: an append that is not seen
    -- below has not taken its positions yet, so they will be above v_last.
    v_last := coalesce(pg_sequence_last_value('events_global_position_seq'), 0);
    SELECT min(v_last + 1 + CASE WHEN d.diff >= 2147483648 THEN d.diff - 4294967296 ELSE d.diff END) INTO v_oldest
    FROM (
      SELECT ((l.objid::bigint - (v_last + 1) % 4294967296) % 4294967296 + 4294967296) % 4294967296 AS diff
      FROM pg_locks l
      WHERE l.locktype = 'advisory' AND l.classid = ${IN_FLIGHT_LOCK_CLASS}::oid AND l.objsubid = 2
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
    ) d;
    RETURN CASE WHEN v_oldest IS NULL THEN v_last ELSE least(v_last, v_oldest - 1) END;
  END
  $fn$`,
];

const DOWN = [
  `DROP FUNCTION event_store_safe_position()`,
  `DROP FUNCTION event_store_append(text, bigint, jsonb, boolean, boolean)`,
  `DROP TABLE event_checkpoints`,
  `DROP TABLE event_hashes`,
  `DROP TABLE events`,
];
