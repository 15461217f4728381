import type { FastifyReply } from 'fastify';
import type { AppContext, HttpApp } from '../../kernel/context.ts';
import { auditOrigin } from '../../kernel/http/actor.ts';
import { attachmentDisposition } from '../../kernel/storage.ts';
import { exportPlanReport, exportPlanWorkbook, type ExportFile } from './export.service.ts';

const tags = ['action-plan'];

function sendFile(reply: FastifyReply, file: ExportFile): FastifyReply {
  return reply
    .header('content-type', file.contentType)
    .header('content-length', String(file.bytes.length))
    .header('content-disposition', attachmentDisposition(file.fileName))
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
}

export function exportRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/action-plan/export.xlsx',
    {
      config: { permission: 'plan.read' },
      schema: {
        tags,
        summary: '导出 Excel：汇总表 + 每部分一张表（每条措施每个单位一行）',
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (req, reply) => sendFile(reply, await exportPlanWorkbook(ctx, auditOrigin(req))),
  );

  app.get(
    '/api/action-plan/export.pdf',
    {
      config: { permission: 'plan.read' },
      schema: {
        tags,
        summary: '导出 PDF：全方案推进情况报告（A4，内嵌思源黑体/Noto Sans SC）',
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => sendFile(reply, await exportPlanReport(ctx, auditOrigin(req))),
  );
}
