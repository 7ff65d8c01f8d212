/**
 * The baseline of the HTTP benchmark: a NestJS app on the service's HTTP platform (Fastify) with
 * one POST route that parses its JSON body and answers 201, and nothing else (no auth, validation,
 * logging or database). Run as `node dist/bench/support/bare-nest-app.js` with PORT.
 */
import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';

@Controller()
class MeasurementsController {
  @Post('measurements')
  @HttpCode(201)
  record(@Body() body: Record<string, unknown>) {
    return { received: Object.keys(body).length };
  }
}

@Module({ controllers: [MeasurementsController] })
class BareModule {}

const app = await NestFactory.create(BareModule, new FastifyAdapter(), { logger: ['error'] });
await app.listen(Number(process.env.PORT ?? 3000), '0.0.0.0');
process.stdout.write('listening\n');
const stop = () => void app.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
