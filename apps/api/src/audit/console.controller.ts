import { readFileSync } from 'node:fs';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/access.decorators.js';
import { CONSOLE_CSS, CONSOLE_HTML } from './console/assets.js';

/** The console's script, beside this module in the sources and in the build (tsc copies JS files). */
const CONSOLE_JS = readFileSync(new URL('./console/console.js', import.meta.url), 'utf8');

/**
 * Scripts only from this origin, no inline script or style, no framing: the console's page, style
 * sheet and script are public files; every data call carries the auditor's credential.
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function send(response: FastifyReply, type: string, body: string): void {
  response.header('Content-Type', type);
  response.header('Content-Security-Policy', CSP);
  response.header('Cache-Control', 'no-cache');
  response.send(body);
}

@ApiExcludeController()
@Public()
@Controller('console')
export class ConsoleController {
  @Get()
  page(@Res() response: FastifyReply): void {
    send(response, 'text/html; charset=utf-8', CONSOLE_HTML);
  }

  @Get('console.js')
  script(@Res() response: FastifyReply): void {
    send(response, 'text/javascript; charset=utf-8', CONSOLE_JS);
  }

  @Get('console.css')
  style(@Res() response: FastifyReply): void {
    send(response, 'text/css; charset=utf-8', CONSOLE_CSS);
  }
}
