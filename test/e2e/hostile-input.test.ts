import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app.js';
import { routeTable, type Route } from '../support/route-table.js';

/**
 * Hostile input on every command route, read from the controllers' metadata so
 * a new route is covered the moment it exists: generated malformed bodies,
 * path parameters and headers. Every answer must be a 4xx problem-details body,
 * and not one event may be recorded.
 *
 * Each generated request carries at least one ingredient that makes it certainly
 * invalid (a body that breaks its schema or holds text no database can keep, a
 * body that is not a JSON object, a body over the limit, a path parameter that
 * is no id, a malformed If-Match or Idempotency-Key), so any 2xx is a failure
 * too. Everything else is garnish. Bodies are built from the request schemas of
 * the OpenAPI document. Route number i runs with seed SEED + i; reproduce a run
 * with HOSTILE_INPUT_SEED=<SEED>.
 */

const SEED = Number(process.env.HOSTILE_INPUT_SEED ?? 20_261_127);
const RUNS_PER_ROUTE = 15;
const BODY_LIMIT = 256 * 1024;

/** The subset of an OpenAPI 3.0 schema object the bodies use. */
interface Schema {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  oneOf?: Schema[];
  anyOf?: Schema[];
}

interface HostileRequest {
  readonly url: string;
  readonly contentType: string;
  readonly body: string;
  readonly headers: Record<string, string>;
  /** What makes it certainly invalid, for the failure message. */
  readonly because: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// ---- valid-looking values, from a schema -------------------------------------------------------

const SAMPLES = ['P10D', 'PT4H', '12.50', 'EUR', 'a'.repeat(64), 'id-1', '2026-01-31', '2026-01-31T10:00:00Z'];

function looksValid(schema: Schema, depth = 0): fc.Arbitrary<Json> {
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) return fc.oneof(...variants.map((variant) => looksValid(variant, depth)));
  if (schema.enum) return fc.constantFrom(...(schema.enum as Json[]));
  switch (schema.type) {
    case 'string':
      return validString(schema);
    case 'integer':
      return fc.integer({ min: Math.ceil(lowest(schema) ?? 0), max: Math.floor(highest(schema) ?? 1000) });
    case 'number':
      return fc.double({ min: lowest(schema) ?? 0, max: highest(schema) ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(schema.items && depth < 4 ? looksValid(schema.items, depth + 1) : fc.constant('x'), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
      });
    case 'object': {
      const properties = Object.entries(schema.properties ?? {});
      const required = new Set(schema.required ?? []);
      return fc.record(Object.fromEntries(properties.map(([name, field]) => [name, looksValid(field, depth + 1)])), {
        requiredKeys: properties.map(([name]) => name).filter((name) => required.has(name)),
      }) as fc.Arbitrary<Json>;
    }
    default:
      return fc.constant('x');
  }
}

function lowest(schema: Schema): number | undefined {
  if (typeof schema.exclusiveMinimum === 'number') return schema.exclusiveMinimum + 1;
  return schema.minimum;
}
function highest(schema: Schema): number | undefined {
  if (typeof schema.exclusiveMaximum === 'number') return schema.exclusiveMaximum - 1;
  return schema.maximum;
}

function validString(schema: Schema): fc.Arbitrary<string> {
  if (schema.format === 'date-time') return isoDate.map((date) => date.toISOString());
  if (schema.format === 'date') return isoDate.map((date) => date.toISOString().slice(0, 10));
  if (schema.format === 'email') return fc.constant('someone@example.com');
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    const sample = SAMPLES.find((candidate) => pattern.test(candidate));
    if (sample) return fc.constant(sample);
    try {
      return fc.stringMatching(pattern);
    } catch {
      return fc.constant('x');
    }
  }
  const minLength = Math.max(1, schema.minLength ?? 1);
  return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 40, 40)) });
}

const isoDate = fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true });

// ---- what makes a body certainly invalid -------------------------------------------------------

/** Where a mutation can go: a path into the body, and the schema of what is there. */
interface Site {
  readonly path: readonly string[];
  readonly schema: Schema;
}

/** Fields present in the body whose schema is unambiguous (no union), however deep. */
function sites(value: Json, schema: Schema, path: string[] = []): Site[] {
  if (schema.oneOf || schema.anyOf || !schema.type) return [];
  const here: Site[] = path.length ? [{ path, schema }] : [];
  if (schema.type === 'object' && value && typeof value === 'object' && !Array.isArray(value)) {
    return [
      ...here,
      ...Object.entries(schema.properties ?? {})
        .filter(([name]) => name in value)
        .flatMap(([name, field]) => sites(value[name]!, field, [...path, name])),
    ];
  }
  return here;
}

/** Values the schema certainly refuses: the wrong JSON type, or outside its bounds. */
function refusedBy(schema: Schema): Json[] {
  const wrongTypes: Record<NonNullable<Schema['type']>, Json[]> = {
    string: [42, true, ['x'], { x: 'y' }],
    number: ['12', false, [1], { n: 1 }],
    integer: ['12', 1.5, true, [1]],
    boolean: ['true', 1, [], {}],
    array: [{ 0: 'x' }, 'x', 1],
    object: [[], 'object', 0, true],
  };
  const refused = [...wrongTypes[schema.type!]];
  if (!schema.nullable) refused.push(null);
  if (schema.enum) refused.push('not-one-of-them', `${String(schema.enum[0])} `);
  if (schema.type === 'string') {
    if ((schema.minLength ?? 0) > 0) refused.push('');
    if (schema.maxLength !== undefined) refused.push('x'.repeat(schema.maxLength + 1));
    if (schema.format === 'date-time' || schema.format === 'date')
      refused.push('2026-02-30', 'yesterday', '2026-13-01T00:00:00Z', '+275760-09-13T00:00:00.001Z');
    if (schema.format === 'email') refused.push('not-an-email', '@', 'a@b');
    if (schema.pattern) {
      const pattern = new RegExp(schema.pattern);
      refused.push(...['', ' ', 'P', '-1', '1e3', '../../etc/passwd', '\u0000', 'ⅫⅫ'].filter((s) => !pattern.test(s)));
    }
  }
  if (schema.type === 'number' || schema.type === 'integer') {
    if (schema.minimum !== undefined) refused.push(schema.minimum - 1, -1e308);
    if (typeof schema.exclusiveMinimum === 'number') refused.push(schema.exclusiveMinimum);
    if (schema.maximum !== undefined) refused.push(schema.maximum + 1, 1e308);
    if (typeof schema.exclusiveMaximum === 'number') refused.push(schema.exclusiveMaximum);
  }
  if (schema.type === 'array' && (schema.minItems ?? 0) > 0) refused.push([]);
  return refused;
}

const withAt = (value: Json, path: readonly string[], replacement: Json | undefined): Json => {
  const [head, ...rest] = path;
  const object = { ...(value as Record<string, Json>) };
  if (rest.length) object[head!] = withAt(object[head!]!, rest, replacement);
  else if (replacement === undefined) delete object[head!];
  else object[head!] = replacement;
  return object;
};

/** Field names that are certainly unknown: not a property of the body nor of any of its variants. */
function unknownKey(schema: Schema): fc.Arbitrary<string> {
  const known = new Set((schema.oneOf ?? schema.anyOf ?? [schema]).flatMap((s) => Object.keys(s.properties ?? {})));
  return fc
    .oneof(
      fc.constantFrom('by', 'at', 'type', 'actor', 'streamId', 'version', 'isAdmin', 'constructor', '$where', ''),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
    )
    .filter((key) => !known.has(key) && key !== '__proto__');
}

/** Keys required by every variant: dropping one certainly breaks the body. */
function alwaysRequired(schema: Schema): string[] {
  const variants = schema.oneOf ?? schema.anyOf ?? [schema];
  return (variants[0]?.required ?? []).filter((key) => variants.every((variant) => variant.required?.includes(key)));
}

/** Garbage that does not matter for validity: nested junk, huge and odd strings. */
const garbage: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json>,
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.integer({ min: 1_000, max: 60_000 }).map((n) => 'A'.repeat(n)),
  fc.integer({ min: 1, max: 200 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as Json),
  fc.constantFrom<Json>(
    1e308,
    -0,
    Number.MAX_SAFE_INTEGER + 2,
    '\u0000',
    '\ud800',
    '%00',
    '../..',
    JSON.parse('{"__proto__": {"admin": true}}') as Json,
  ),
);

/** A JSON body that its schema certainly refuses, with the reason. */
function invalidBody(schema: Schema): fc.Arbitrary<{ body: Json; because: string }> {
  const required = alwaysRequired(schema);
  const mutations = looksValid(schema).chain((valid) => {
    const found = sites(valid, schema);
    const options: fc.Arbitrary<{ body: Json; because: string }>[] = [
      fc.tuple(unknownKey(schema), garbage).map(([key, value]) => ({
        body: { ...(valid as object), [key]: value } as Json,
        because: `unknown field ${JSON.stringify(key)}`,
      })),
    ];
    if (required.length)
      options.push(
        fc.constantFrom(...required).map((key) => ({
          body: withAt(valid, [key], undefined),
          because: `required field ${key} dropped`,
        })),
      );
    const strings = found.filter((site) => site.schema.type === 'string');
    if (strings.length)
      options.push(
        fc
          .tuple(fc.constantFrom(...strings), fc.constantFrom('\u0000', '\ud800', '\udfff', 'a\u0000b', 'x\udc00'))
          .map(([site, unstorable]) => ({
            body: withAt(valid, site.path, unstorable),
            because: `${site.path.join('.')} = ${JSON.stringify(unstorable)}, text no database can keep`,
          })),
      );
    const mutable = found.filter((site) => refusedBy(site.schema).length);
    if (mutable.length)
      options.push(
        fc
          .constantFrom(...mutable)
          .chain((site) =>
            fc
              .constantFrom(...refusedBy(site.schema))
              .map((bad) => ({ body: withAt(valid, site.path, bad), because: `${site.path.join('.')} refused` })),
          ),
      );
    return fc.oneof(...options);
  });
  const notAnObject = fc
    .oneof(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }) as fc.Arbitrary<Json>, fc.constant([] as Json))
    .map((body) => ({ body, because: 'an array, not an object' }));
  return fc.oneof({ arbitrary: mutations, weight: 4 }, { arbitrary: notAnObject, weight: 1 });
}

/** Raw text that is no JSON object at all, sent as application/json. */
const notJson: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.constantFrom(
      '{',
      '{"a":',
      "{'single': 'quotes'}",
      '{"a": 1,}',
      '{"a": NaN}',
      '\uFEFF{}x',
      'null',
      'true',
      '42',
      '"just a string"',
      '{"a": "\\ud800"',
      '<xml/>',
      'a=1&b=2',
      '\u0000\u0001\u0002',
      '[{]',
      '{"__proto__": {"admin": true}',
    ),
    fc.jsonValue().map((value) => JSON.stringify(value).slice(0, -1)),
  )
  .filter((text) => !isJsonObjectOrArray(text));

function isJsonObjectOrArray(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null;
  } catch {
    return false;
  }
}

// ---- hostile path parameters and headers -------------------------------------------------------

/** A parameter value that is certainly no id, as it appears in the URL. */
const hostileParam: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('%00', 'a%00b', '%2e%2e%2f', '..%2F..%2Fetc%2Fpasswd', '%ZZ', '%', '%E0%A4%A', '%20', 'a%2Fb'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).map((text) => encodeURIComponent(`${text} ✗`)),
  fc.integer({ min: 200, max: 5000 }).map((length) => 'a'.repeat(length)),
  fc.constantFrom("'; DROP TABLE events; --", '<script>', '${7*7}', '{{7*7}}').map(encodeURIComponent),
);
/** A parameter value that passes as an id but names nothing. */
const benignParam: fc.Arbitrary<string> = fc.oneof(
  fc.uuid(),
  fc.constantFrom('..', '.', '-1', '0', '1e999', 'NaN', 'constructor', '__proto__', 'a:b', 'x'.repeat(128)),
);

/** Characters a header may carry on the wire (visible ASCII, space, tab, obs-text). */
const headerText = (maxLength: number) =>
  fc
    .string({
      unit: fc
        .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }))
        .map((code) => String.fromCharCode(code)),
      maxLength,
    })
    .map((text) => text.trim());

const badIfMatch: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '*',
    'abc',
    '"abc"',
    'W/"x"',
    '"1',
    '""',
    '"-2"',
    '"1.5"',
    '"9999999999999999"',
    '"1", "2"',
    '"0x10"',
  ),
  headerText(40).filter((text) => !/^(?:W\/)?"?-?\d+"?$/.test(text) && text.length > 0),
);
const badIdempotencyKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('has space', 'tab\there', 'é', 'x'.repeat(256)),
  headerText(40)
    .filter((text) => /[^\x21-\x7e]/.test(text))
    .filter((text) => text.length > 0),
);
const anyHeaderValue = headerText(300);

// ---- the requests ------------------------------------------------------------------------------

const WRONG_CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=koi8-r',
  'application/json; charset=utf-16',
  'application/merge-patch+json',
  'application/jsonx',
];

function hostileRequests(route: Route, schema: Schema): fc.Arbitrary<HostileRequest> {
  const params = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]!);
  const url = (values: string[]) => route.path.replace(/:[A-Za-z]+/g, () => values.shift()!);
  type Part = { contentType: string; body: string; because: string };
  const json = (body: Json) => JSON.stringify(body);

  const badBody: fc.Arbitrary<Part> = fc.oneof(
    {
      arbitrary: invalidBody(schema).map(({ body, because }) => ({
        contentType: 'application/json',
        body: json(body),
        because,
      })),
      weight: 6,
    },
    { arbitrary: notJson.map((body) => ({ contentType: 'application/json', body, because: 'not JSON' })), weight: 2 },
    {
      // Written as text: nesting this deep is more than JSON.stringify can walk.
      arbitrary: fc
        .tuple(looksValid(schema), unknownKey(schema), fc.integer({ min: 2_000, max: 100_000 }))
        .map(([valid, key, depth]) => {
          const fields = json(valid).slice(1, -1);
          const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
          return {
            contentType: 'application/json',
            body: `{${fields}${fields ? ',' : ''}${JSON.stringify(key)}:${nested}}`,
            because: `unknown field ${JSON.stringify(key)} nested ${depth} deep`,
          };
        }),
      weight: 1,
    },
    {
      arbitrary: fc
        .tuple(looksValid(schema), fc.integer({ min: BODY_LIMIT + 1, max: 2 * BODY_LIMIT }))
        .map(([valid, size]) => ({
          contentType: 'application/json',
          body: json({ ...(valid as object), padding: 'x'.repeat(size) }),
          because: 'over the body limit',
        })),
      weight: 1,
    },
    {
      // Ignored by the JSON parser, so the body counts as empty: a route either requires a field or names a record that does not exist.
      arbitrary: fc
        .tuple(fc.constantFrom(...WRONG_CONTENT_TYPES), invalidBody(schema))
        .map(([contentType, { body }]) => ({ contentType, body: json(body), because: `sent as ${contentType}` })),
      weight: 1,
    },
  );
  const validLookingBody: fc.Arbitrary<Part> = looksValid(schema).map((body) => ({
    contentType: 'application/json',
    body: json(body),
    because: '',
  }));

  const optionalHeaders = fc.record(
    {
      'If-Match': fc.oneof(fc.constantFrom('"0"', '"3"', 'W/"1"', '"-1"'), badIfMatch),
      'Idempotency-Key': fc.oneof(fc.uuid(), fc.stringMatching(/^[\x21-\x7e]{1,40}$/)),
      'X-Correlation-Id': anyHeaderValue,
      'X-Causation-Id': anyHeaderValue,
    },
    { requiredKeys: [] },
  );
  const benignParams = fc.tuple(...params.map(() => benignParam));

  // Each request carries one certain reason to be refused; the rest is random.
  const reasons: fc.WeightedArbitrary<HostileRequest>[] = [
    {
      weight: 5,
      arbitrary: fc.tuple(badBody, benignParams, optionalHeaders).map(([part, values, headers]) => ({
        url: url([...values]),
        ...part,
        headers: headers as Record<string, string>,
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(validLookingBody, benignParams, optionalHeaders, badIfMatch)
        .map(([part, values, headers, ifMatch]) => ({
          url: url([...values]),
          ...part,
          headers: { ...(headers as Record<string, string>), 'If-Match': ifMatch },
          because: `If-Match ${JSON.stringify(ifMatch)}`,
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(validLookingBody, benignParams, optionalHeaders, badIdempotencyKey)
        .map(([part, values, headers, key]) => ({
          url: url([...values]),
          ...part,
          headers: { ...(headers as Record<string, string>), 'Idempotency-Key': key },
          because: `Idempotency-Key ${JSON.stringify(key)}`,
        })),
    },
  ];
  if (params.length)
    reasons.push({
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.oneof(validLookingBody, badBody),
          benignParams,
          fc.nat(params.length - 1),
          hostileParam,
          optionalHeaders,
        )
        .map(([part, values, at, hostile, headers]) => {
          values[at] = hostile;
          return {
            url: url([...values]),
            ...part,
            headers: headers as Record<string, string>,
            because: `path parameter :${params[at]} = ${hostile.slice(0, 60)}`,
          };
        }),
    });
  return fc.oneof(...reasons);
}

const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** The failure of one route, short enough to read: the shrunk request with long texts cut, and the error. */
function report(run: fc.RunDetails<[HostileRequest]>): string {
  const cut = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text);
  const [hostile] = run.counterexample ?? [];
  const error = run.errorInstance instanceof Error ? run.errorInstance.message : String(run.errorInstance);
  return [
    `failed after ${run.numRuns} runs (seed ${run.seed}, path ${run.counterexamplePath}), shrunk ${run.numShrinks} times`,
    hostile &&
      `POST ${cut(hostile.url)} [${hostile.because}] content-type ${hostile.contentType} ` +
        `headers ${cut(JSON.stringify(hostile.headers))} body ${cut(hostile.body)}`,
    cut(error),
  ]
    .filter(Boolean)
    .join('\n');
}

// ---- the property ------------------------------------------------------------------------------

describe('hostile input on every command route', () => {
  let service: TestApp;
  let admin: { Authorization: string };
  let routes: Route[];
  let bodies: Record<string, Schema | undefined>;
  const count = async (table: string) =>
    Number((await service.database.pool.query(`SELECT count(*) FROM ${table}`)).rows[0].count);

  beforeAll(async () => {
    service = await startTestApp();
    admin = await service.as('admin');
    routes = routeTable(service.app).filter((route) => route.method === 'POST');
    const document = (await request(service.http).get('/docs-json').expect(200)).body as {
      paths: Record<string, { post?: { requestBody?: { content: Record<string, { schema: Schema }> } } }>;
    };
    bodies = Object.fromEntries(
      routes.map((route) => [
        route.path,
        document.paths[route.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.post?.requestBody?.content['application/json']
          ?.schema,
      ]),
    );
  });
  afterAll(() => service.close());

  it('finds the command routes and the schema of every body', () => {
    expect(routes.length).toBeGreaterThan(3);
    expect(routes.filter((route) => !bodies[route.path]).map((route) => route.path)).toEqual([]);
    // An unknown field is one of the ways a body is made certainly invalid.
    const loose = routes.filter((route) => {
      const body = bodies[route.path]!;
      return (body.oneOf ?? body.anyOf ?? [body]).some((variant) => variant.additionalProperties !== false);
    });
    expect(loose.map((route) => route.path)).toEqual([]);
  });

  it('answers every one with a 4xx problem, and writes nothing', async () => {
    const events = await count('events');
    const idempotencyRecords = await count('idempotency_records');
    const failures: string[] = [];
    const statuses: Record<number, number> = {};
    const started = Date.now();

    for (const [index, route] of routes.entries()) {
      const property = fc.asyncProperty(hostileRequests(route, bodies[route.path]!), async (hostile) => {
        const response = await request(service.http)
          .post(hostile.url)
          .set(admin)
          .set(hostile.headers)
          .set('Content-Type', hostile.contentType)
          .send(hostile.body);
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        const where = `${response.status} for POST ${hostile.url.slice(0, 200)} (${hostile.because})`;
        expect([where, response.status >= 400 && response.status < 500]).toEqual([where, true]);
        expect([where, response.headers['content-type']]).toEqual([
          where,
          expect.stringMatching(/^application\/problem\+json\b/),
        ]);
        const problem = parsed(response.text);
        expect([where, problem]).toEqual([
          where,
          expect.objectContaining({ status: response.status, title: expect.any(String), type: expect.any(String) }),
        ]);
      });
      const run = await fc.check(property, { seed: SEED + index, numRuns: RUNS_PER_ROUTE });
      if (run.failed) failures.push(`POST ${route.path}: ${report(run)}`);
    }

    // Reactions and projectors run in the background; give them a moment to (not) act.
    await new Promise((resolve) => setTimeout(resolve, 500));
    process.stdout.write(
      `hostile input: seed ${SEED}, ${routes.length} command routes, ${Object.values(statuses).reduce((a, b) => a + b, 0)} requests ` +
        `in ${Date.now() - started} ms, answers ${JSON.stringify(statuses)}\n`,
    );
    expect({
      failures,
      eventsRecorded: (await count('events')) - events,
      idempotencyKeysKept: (await count('idempotency_records')) - idempotencyRecords,
    }).toEqual({ failures: [], eventsRecorded: 0, idempotencyKeysKept: 0 });
  }, 300_000);
});
