import type { FastifyRequest } from 'fastify';
import type { AuditOrigin } from '../audit.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policy.ts';

/** Routes behind a non-public permission always have an actor; this narrows the type for the service call. */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
  return req.actor;
}

export function auditOrigin(req: FastifyRequest): AuditOrigin {
  return { actor: req.actor, ip: req.ip, requestId: String(req.id) };
}
