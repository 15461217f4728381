/**
 * The baseline for bench:http: a bare Fastify route doing one primary-key read through a pg pool, with no auth,
 * schemas, logging or hooks. The platform's number is reported as a ratio to this one, measured in the same run.
 */
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });
app.get<{ Params: { id: string } }>('/bare/enterprises/:id', async (req, reply) => {
  const { rows } = await pool.query('select * from enterprise where id = $1', [req.params.id]);
  if (rows.length === 0) return reply.code(404).send({ error: 'not found' });
  return rows[0] as Record<string, unknown>;
});
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 3901) });
console.log('ready');
