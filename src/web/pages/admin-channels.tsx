/** 频道管理 (admins): create, rename, describe, hide, reorder, remove (moving the articles). */
import type { Channel } from '../../channels/index.js';
import { href, type PageContext } from '../page-context.js';
import { Csrf, Field, FormErrorSummary, type FieldErrors } from '../views/form.js';
import { Layout } from '../views/layout.js';
import { AdminNav, Notice } from './admin.js';

export function ChannelsPage(p: {
  ctx: PageContext;
  channels: readonly Channel[];
  errors: FieldErrors;
  value?: { slug: string; name: string; description: string } | undefined;
  notice?: string | undefined;
}): JSX.Element {
  const { ctx, channels, errors } = p;
  return (
    <Layout ctx={ctx} title={`频道 - ${ctx.settings.siteName}`} description="频道管理" noindex>
      <h1>频道</h1>
      <AdminNav ctx={ctx} current="/studio/admin/channels" />
      <Notice text={p.notice} />
      <p>导航按下表顺序显示频道；隐藏的频道不在导航中出现，但频道页和文章仍可访问。</p>

      <table class="studio-table channel-table">
        <caption class="visually-hidden">频道，按导航顺序</caption>
        <thead>
          <tr>
            <th scope="col">顺序</th>
            <th scope="col">名称与简介</th>
            <th scope="col">标识</th>
            <th scope="col">删除</th>
          </tr>
        </thead>
        <tbody>
          {channels.map((c, i) => (
            <ChannelRow ctx={ctx} channel={c} index={i} channels={channels} />
          ))}
        </tbody>
      </table>

      <h2 id="new-channel">新建频道</h2>
      <FormErrorSummary
        message={Object.keys(errors).length ? '频道没有建成，请按提示修改。' : undefined}
      />
      <form
        method="post"
        action={href(ctx, '/studio/admin/channels')}
        aria-labelledby="new-channel"
      >
        <Csrf ctx={ctx} />
        <Field
          name="slug"
          label="标识（网址中使用）"
          value={p.value?.slug ?? ''}
          errors={errors}
          required
          maxlength={30}
          hint="2–30 位小写字母、数字或连字符，如 edu；建成后网址为 /channel/edu"
        />
        <Field
          name="name"
          label="名称"
          value={p.value?.name ?? ''}
          errors={errors}
          required
          maxlength={10}
        />
        <Field
          name="description"
          label="简介"
          value={p.value?.description ?? ''}
          errors={errors}
          maxlength={200}
        />
        <button type="submit" class="primary">
          新建频道
        </button>
      </form>
    </Layout>
  );
}

function ChannelRow({
  ctx,
  channel: c,
  index,
  channels,
}: {
  ctx: PageContext;
  channel: Channel;
  index: number;
  channels: readonly Channel[];
}): JSX.Element {
  const base = `/studio/admin/channels/${c.slug}`;
  const others = channels.filter((o) => o.slug !== c.slug);
  return (
    <tr>
      <td>
        <span safe>{String(index + 1)}</span>
        <form method="post" action={href(ctx, `${base}/move`)} class="inline">
          <Csrf ctx={ctx} />
          <button
            type="submit"
            name="to"
            value={String(index)}
            disabled={index === 0}
            aria-label={`把“${c.name}”上移`}
          >
            上移
          </button>
          <button
            type="submit"
            name="to"
            value={String(index + 2)}
            disabled={index === channels.length - 1}
            aria-label={`把“${c.name}”下移`}
          >
            下移
          </button>
        </form>
      </td>
      <td>
        <form method="post" action={href(ctx, base)} class="channel-edit">
          <Csrf ctx={ctx} />
          <label for={`name-${c.slug}`}>名称</label>
          <input id={`name-${c.slug}`} name="name" value={c.name} maxlength="10" required />
          <label for={`desc-${c.slug}`}>简介</label>
          <input id={`desc-${c.slug}`} name="description" value={c.description} maxlength="200" />
          <label>
            <input type="checkbox" name="hidden" value="1" checked={c.hidden} /> 在导航中隐藏
          </label>
          <button type="submit">保存</button>
        </form>
      </td>
      <td>
        <a href={href(ctx, `/channel/${c.slug}`)} safe>
          {c.slug}
        </a>
        {c.hidden ? <span class="state-note">已隐藏</span> : ''}
      </td>
      <td>
        {others.length > 0 ? (
          <form method="post" action={href(ctx, `${base}/delete`)} class="channel-delete">
            <Csrf ctx={ctx} />
            <label for={`move-${c.slug}`}>文章移到</label>
            <select id={`move-${c.slug}`} name="moveTo">
              {others.map((o) => (
                <option value={o.slug} safe>
                  {o.name}
                </option>
              ))}
            </select>
            <button type="submit" aria-label={`删除频道“${c.name}”`}>
              删除
            </button>
          </form>
        ) : (
          '（最后一个频道不能删除）'
        )}
      </td>
    </tr>
  );
}
