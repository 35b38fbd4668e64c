/** The editors' queue of creator applications (入驻申请). */
import type { Application } from '../../creators/index.js';
import { ACCOUNT_TYPE_LABELS } from '../messages.js';
import { href, type PageContext } from '../page-context.js';
import { Csrf } from '../views/form.js';
import { formatDateTime } from '../views/format.js';
import { Layout } from '../views/layout.js';

export function ReviewPage({
  ctx,
  pending,
  decided,
}: {
  ctx: PageContext;
  pending: readonly Application[];
  decided: readonly Application[];
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="入驻审核" description="入驻审核" noindex>
      <h1>入驻审核</h1>
      <h2 safe>{`待审核（${pending.length}）`}</h2>
      {pending.length === 0 ? <p>没有待审核的申请。</p> : ''}
      {pending.map((a) => (
        <section class="application" aria-label={`申请：${a.displayName}`}>
          <h3 safe>{`${a.displayName}（${a.handle}）`}</h3>
          <dl>
            <dt>账号类型</dt>
            <dd>{ACCOUNT_TYPE_LABELS[a.accountType]}</dd>
            <dt>简介</dt>
            <dd safe>{a.tagline}</dd>
            <dt>介绍</dt>
            <dd safe>{a.bio}</dd>
            <dt>关注频道</dt>
            <dd safe>{a.focusChannels.join('、')}</dd>
            <dt>作品链接</dt>
            <dd>
              {a.sampleLinks.map((l) => (
                <a href={l} rel="nofollow noopener" safe>
                  {l}
                </a>
              ))}
            </dd>
            <dt>联系方式</dt>
            <dd safe>{a.contact}</dd>
            <dt>提交时间</dt>
            <dd safe>{formatDateTime(a.createdAt)}</dd>
          </dl>
          <form method="post" action={href(ctx, `/studio/review/${a.id}/approve`)} class="inline">
            <Csrf ctx={ctx} />
            <button type="submit" class="primary">
              通过
            </button>
          </form>
          <form method="post" action={href(ctx, `/studio/review/${a.id}/reject`)} class="inline">
            <Csrf ctx={ctx} />
            <label for={`reason-${a.id}`}>拒绝理由</label>
            <input id={`reason-${a.id}`} name="reason" type="text" required maxlength="1000" />
            <button type="submit">拒绝</button>
          </form>
        </section>
      ))}
      <h2>最近的决定</h2>
      <ul>
        {decided.map((a) => (
          <li
            safe
          >{`${a.displayName}（${a.handle}）：${a.status === 'approved' ? '通过' : '拒绝'} ${a.decisionReason ?? ''}`}</li>
        ))}
      </ul>
    </Layout>
  );
}
