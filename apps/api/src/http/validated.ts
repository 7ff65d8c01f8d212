import { Body, Query, type PipeTransform } from '@nestjs/common';
import { ApiBody, ApiQuery, type SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

/** One zod schema both validates a request part and documents it in OpenAPI. */
export const openApiSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as SchemaObject;

/** A UTF-16 surrogate without its pair. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Text PostgreSQL cannot keep in jsonb: NUL, and a lone surrogate. */
const unstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

/** Issues for every string (value or field name) that could not be stored; iterative, so any depth is safe. */
function unstorableText(value: unknown): z.core.$ZodIssue[] {
  const issues: z.core.$ZodIssue[] = [];
  const pending: [unknown, PropertyKey[]][] = [[value, []]];
  while (pending.length) {
    const [item, path] = pending.pop()!;
    if (typeof item === 'string') {
      if (unstorable(item))
        issues.push({ code: 'custom', path, message: 'contains NUL or an unpaired surrogate', input: item });
    } else if (item && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        if (unstorable(key))
          issues.push({
            code: 'custom',
            path,
            message: 'a field name contains NUL or an unpaired surrogate',
            input: key,
          });
        pending.push([child, [...path, key]]);
      }
    }
  }
  return issues;
}

class ZodPipe implements PipeTransform {
  constructor(private readonly schema: z.ZodType) {}

  transform(value: unknown): unknown {
    // A ZodError becomes a 400 problem in the exception filter.
    const parsed = this.schema.parse(value ?? {});
    const issues = unstorableText(parsed);
    if (issues.length) throw new z.ZodError(issues);
    return parsed;
  }
}

/** The request body, validated by `schema` (unknown fields refused when it is strict), and documented. */
export function ValidBody(schema: z.ZodType): ParameterDecorator {
  return (target, method, index) => {
    const descriptor = Object.getOwnPropertyDescriptor(target, method!)!;
    ApiBody({ schema: openApiSchema(schema) })(target, method!, descriptor);
    Body(new ZodPipe(schema))(target, method, index);
  };
}

/** The query string, validated by an object schema, each field documented as a query parameter. */
export function ValidQuery(schema: z.ZodObject): ParameterDecorator {
  return (target, method, index) => {
    const descriptor = Object.getOwnPropertyDescriptor(target, method!)!;
    for (const [name, field] of Object.entries(schema.shape)) {
      ApiQuery({
        name,
        required: !(field as z.ZodType).safeParse(undefined).success,
        schema: openApiSchema(field as z.ZodType),
      })(target, method!, descriptor);
    }
    Query(new ZodPipe(schema))(target, method, index);
  };
}
