/** 导入 (admins): upload an export from WordPress, Ghost, a Markdown blog, a feed or Byline; follow jobs and read their reports. */
import {
  IMPORT_KIND_LABELS,
  IMPORT_KINDS,
  IMPORT_OUTCOME_LABELS,
  type ImportJob,
} from '../../transfer/index.js';
import { href, type PageContext } from '../page-context.js';
import { formatDateTime } from '../views/format.js';
import { Csrf } from '../views/form.js';
import { Layout } from '../views/layout.js';
import { AdminNav, Notice } from './admin.js';

const FORMAT_LABELS: Record<string, string> = {
  wordpress: 'WordPress（WXR 导出文件 .xml）',
  ghost: 'Ghost（JSON 导出文件 .json）',
  markdown: 'Markdown 文件夹（Hexo、Hugo、Jekyll，打包为 .zip）',
  rss: 'RSS / Atom 订阅源（.xml）',
  byline: '署名导出包（byline export 生成的 .zip）',
};
const STATUS_LABELS: Record<string, string> = {
  queued: '排队中',
  running: '导入中',
  done: '已完成',
  failed: '失败',
};

export function ImportsPage(p: {
  ctx: PageContext;
  jobs: readonly ImportJob[];
  notice?: string | undefined;
  error?: string | undefined;
}): JSX.Element {
  const { ctx, jobs } = p;
  const running = jobs.some((j) => j.status === 'queued' || j.status === 'running');
  return (
    <Layout ctx={ctx} title={`导入 - ${ctx.settings.siteName}`} description="导入站点内容" noindex>
      <h1>导入</h1>
      <AdminNav ctx={ctx} current="/studio/admin/imports" />
      <Notice text={p.notice} />
      {p.error ? (
        <p class="form-error" role="alert" safe>
          {p.error}
        </p>
      ) : (
        ''
      )}
      <p>
        从其他平台搬家：文章、页面、作者、评论、标签和图片一起导入，旧链接自动 301
        跳转到新地址。可重复导入同一个文件：以前导入过的内容会跳过。命令行同样可用：
        <code>byline import --format wordpress 导出文件.xml</code>。
      </p>
      <form
        method="post"
        action={href(ctx, '/studio/admin/imports')}
        enctype="multipart/form-data"
        class="form upload"
      >
        <Csrf ctx={ctx} />
        <fieldset>
          <legend>来源格式</legend>
          {Object.entries(FORMAT_LABELS).map(([value, label], i) => (
            <label class="choice">
              <input type="radio" name="format" value={value} required checked={i === 0} />{' '}
              <span safe>{label}</span>
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="import-map">分类 → 频道（可选，JSON）</label>
          <input
            id="import-map"
            name="channel_map"
            type="text"
            placeholder='{"美食": "travel", "Tech": "tech"}'
          />
          <p class="hint">未填写的分类会归入名称最接近的频道，找不到则归入头条。</p>
        </div>
        <div class="field">
          <label for="import-file">导出文件</label>
          <input id="import-file" type="file" name="file" required />
        </div>
        <button type="submit" class="primary">
          开始导入
        </button>
      </form>

      <h2>导入记录</h2>
      {running ? <p role="status">有任务正在进行，刷新页面查看进度。</p> : ''}
      {jobs.length === 0 ? <p>还没有导入过。</p> : jobs.map((j) => <JobCard job={j} />)}
    </Layout>
  );
}

function JobCard({ job }: { job: ImportJob }): JSX.Element {
  const counts = job.report?.counts ?? job.progress.counts;
  return (
    <section class="import-job" id={`job-${job.id}`} aria-label={`导入任务 ${job.fileName}`}>
      <h3>
        <span safe>{job.fileName}</span>（<span safe>{job.format}</span>）·{' '}
        <span safe>{STATUS_LABELS[job.status] ?? job.status}</span>
      </h3>
      <p class="meta">
        <span safe>
          {[
            `开始于 ${formatDateTime(job.createdAt)}`,
            job.finishedAt ? `结束于 ${formatDateTime(job.finishedAt)}` : '',
            job.status === 'running' && job.progress.processed
              ? `已读取 ${job.progress.processed} 项`
              : '',
          ]
            .filter(Boolean)
            .join('，')}
        </span>
      </p>
      {job.error ? (
        <p class="form-error" safe>
          {job.error}
        </p>
      ) : (
        ''
      )}
      {counts ? (
        <table class="studio-table">
          <caption class="visually-hidden">各类数量</caption>
          <thead>
            <tr>
              <th scope="col">类别</th>
              <th scope="col">导入</th>
              <th scope="col">跳过</th>
              <th scope="col">失败</th>
            </tr>
          </thead>
          <tbody>
            {IMPORT_KINDS.filter(
              (k) => counts[k].imported + counts[k].skipped + counts[k].failed > 0,
            ).map((k) => (
              <tr>
                <th scope="row" safe>
                  {IMPORT_KIND_LABELS[k]}
                </th>
                <td>{counts[k].imported}</td>
                <td>{counts[k].skipped}</td>
                <td>{counts[k].failed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        ''
      )}
      {job.report && job.report.items.length > 0 ? (
        <details>
          <summary>未按原样导入的 {job.report.items.length} 项及原因</summary>
          <ul class="import-items">
            {job.report.items.slice(0, 500).map((i) => (
              <li>
                <span
                  safe
                >{`[${IMPORT_KIND_LABELS[i.kind]}·${IMPORT_OUTCOME_LABELS[i.outcome]}] `}</span>
                <span safe>{i.position}</span>：<span safe>{i.reason}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : (
        ''
      )}
    </section>
  );
}
