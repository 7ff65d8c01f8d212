import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/access.decorators.js';
import { HealthRegistry } from './health-registry.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  @Get()
  @ApiOperation({
    summary: 'Whether the event store, the read-model database and the Kafka relay are up, down or disabled',
  })
  async health(@Res({ passthrough: true }) response: FastifyReply) {
    const { healthy, components } = await this.registry.report();
    response.status(healthy ? 200 : 503);
    return { status: healthy ? 'up' : 'down', components };
  }
}
