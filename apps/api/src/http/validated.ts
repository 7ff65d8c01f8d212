import { Body, Query, type PipeTransform } from '@nestjs/common';
import { ApiBody, ApiQuery, type SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

/** One zod schema both validates a request part and documents it in OpenAPI. */
export const openApiSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as SchemaObject;

class ZodPipe implements PipeTransform {
  constructor(private readonly schema: z.ZodType) {}

  transform(value: unknown): unknown {
    // A ZodError becomes a 400 problem in the exception filter.
    return this.schema.parse(value ?? {});
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
