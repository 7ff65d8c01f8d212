import { BadRequestException, Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { envelopeJsonSchema, eventTypeSchemas, type EventTypeSchema, type JsonSchema } from '@lib/messaging';
import { Roles } from '../auth/access.decorators.js';
import { READERS } from '../auth/roles.js';

/** The JSON Schemas of the Kafka messages, the same as docs/schemas (generated from the same code). */
@ApiTags('schemas')
@Roles(...READERS)
@Controller('schemas/events')
export class EventSchemasController {
  private readonly schemas: readonly EventTypeSchema[] = eventTypeSchemas();
  private readonly envelope: JsonSchema = envelopeJsonSchema();

  @Get()
  @ApiOperation({ summary: 'The message envelope and the list of event types with their schema ids' })
  @ApiOkResponse({ description: 'The envelope schema and every event type by context' })
  list() {
    return {
      envelope: this.envelope,
      eventTypes: this.schemas.map(({ id, context, type }) => ({ id, context, type })),
    };
  }

  @Get(':type')
  @ApiOperation({
    summary: "The JSON Schema of one event type's message",
    description:
      'By id (`complaints.ComplaintRecorded`) or by bare type when only one context has it (`ComplaintRecorded`).',
  })
  @ApiParam({ name: 'type', example: 'complaints.ComplaintRecorded' })
  @ApiOkResponse({ description: 'A JSON Schema (draft 2020-12)' })
  one(@Param('type') type: string): JsonSchema {
    if (type === 'envelope') return this.envelope;
    const byId = this.schemas.find((schema) => schema.id === type);
    if (byId) return byId.schema;
    const byType = this.schemas.filter((schema) => schema.type === type);
    if (byType.length === 1) return byType[0]!.schema;
    if (byType.length > 1) {
      throw new BadRequestException(
        `${type} exists in several contexts; ask for one of ${byType.map((schema) => schema.id).join(', ')}`,
      );
    }
    throw new NotFoundException(`No event type ${type}`);
  }
}
