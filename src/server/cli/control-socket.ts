import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import type { ServiceContext } from '../context.js';
import { AppError, isAppError } from '../http/errors.js';
import { type CommandName, isCommandName, runCommand } from './commands.js';

/**
 * While `serve` runs, operator commands reach it through a Unix socket in the data directory
 * (mode 0600: only the account running the server can use it). This is how the CLI works while the
 * server holds the embedded database, which admits one process.
 */
export function controlSocketPath(dataDir: string): string {
  return join(resolve(dataDir), 'control.sock');
}

export async function startControlSocket(ctx: ServiceContext, dataDir: string): Promise<Server> {
  const path = controlSocketPath(dataDir);
  // With DATABASE_URL nothing else creates the data directory, but the socket lives there.
  mkdirSync(resolve(dataDir), { recursive: true, mode: 0o700 });
  if (existsSync(path)) rmSync(path);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      try {
        const { command, args, osUser } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          command: string;
          args: unknown;
          osUser?: string;
        };
        if (!isCommandName(command)) throw new AppError('not_found');
        const result = await runCommand(
          ctx,
          { kind: 'system', via: 'cli', osUser: String(osUser ?? 'unknown').slice(0, 64) },
          command,
          args,
        );
        reply(200, { result });
      } catch (e) {
        const error = isAppError(e) ? e : new AppError('internal_error');
        reply(error.status, error.body('ja'));
      }
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(path, () => ok());
  });
  await chmod(path, 0o600);
  return server;
}

export interface ControlAnswer {
  status: number;
  body: { result?: unknown; error?: { code: string; message: string } };
}

export function sendControlCommand(dataDir: string, command: CommandName, args: unknown, osUser: string): Promise<ControlAnswer> {
  const payload = JSON.stringify({ command, args, osUser });
  return new Promise((ok, fail) => {
    const req = httpRequest(
      {
        socketPath: controlSocketPath(dataDir),
        path: '/',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            ok({ status: res.statusCode ?? 500, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          } catch (e) {
            fail(e);
          }
        });
      },
    );
    req.on('error', fail);
    req.end(payload);
  });
}
