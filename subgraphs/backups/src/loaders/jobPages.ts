import type { DataSource } from 'typeorm';
import { BackupJob } from '../entities/BackupJob';
import { cursorColumn, pageOf, type JobPage, type Position } from '../services/paging';

export interface JobPageKey {
  agentId: string;
  size: number;
  position: Position | null;
}

/**
 * Pages of several agents' jobs, newest first: keys that share a page size and cursor (a page of
 * agents each asking `jobs(first: 5)`) cost one query, each agent's rows cut by a window function.
 */
export async function jobPages(dataSource: DataSource, keys: readonly JobPageKey[]): Promise<JobPage[]> {
  const groups = new Map<string, JobPageKey[]>();
  for (const key of keys) {
    const group = `${key.size}|${key.position?.at}|${key.position?.id}`;
    groups.set(group, [...(groups.get(group) ?? []), key]);
  }
  const pages = new Map<JobPageKey, JobPage>();
  for (const group of groups.values()) {
    const { size, position } = group[0];
    const agents = group.map((k) => k.agentId);
    const after = position ? 'AND (started_at, id) < (CAST(:at AS timestamptz), CAST(:id AS uuid))' : '';
    const { entities, raw } = await dataSource
      .getRepository(BackupJob)
      .createQueryBuilder('j')
      .where(
        `j.id IN (SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY agent_id ORDER BY started_at DESC, id DESC) AS n FROM backup_job WHERE agent_id = ANY(:agents) ${after}) ranked WHERE n <= :limit)`,
        { agents, limit: size + 1, at: position?.at, id: position?.id },
      )
      .addSelect(cursorColumn('j.started_at'), 'cursor_at')
      .orderBy('j.started_at', 'DESC')
      .addOrderBy('j.id', 'DESC')
      .getRawAndEntities<{ cursor_at: string }>();
    for (const key of group) {
      const mine = entities.map((job, i) => ({ job, raw: raw[i] })).filter(({ job }) => job.agentId === key.agentId);
      pages.set(
        key,
        pageOf(
          'jobs',
          mine.map((m) => m.job),
          mine.map((m) => m.raw),
          size,
        ),
      );
    }
  }
  return keys.map((key) => pages.get(key)!);
}
