/** The admins' page for the search dictionary's added words. */
import { href, type PageContext } from '../page-context.js';
import { Csrf, Field, FormErrorSummary, type FieldErrors } from '../views/form.js';
import { formatDateTime } from '../views/format.js';
import { Layout } from '../views/layout.js';

export function DictionaryPage({
  ctx,
  words,
  errors,
  value,
  notice,
}: {
  ctx: PageContext;
  words: readonly { word: string; createdAt: Date }[];
  errors: FieldErrors;
  value?: string;
  notice?: string;
}): JSX.Element {
  return (
    <Layout ctx={ctx} title="分词词典" description="分词词典" noindex>
      <h1>分词词典</h1>
      <p>
        搜索和相关推荐按词语切分文章。新出现的人名、公司名、产品名可能被切碎，在这里加入后会保持完整；加入或删除后，搜索索引在后台重建，期间旧索引照常可用。
      </p>
      {notice ? (
        <p class="notice" role="status" safe>
          {notice}
        </p>
      ) : (
        ''
      )}
      <form method="post" action={href(ctx, '/studio/dictionary')}>
        <Csrf ctx={ctx} />
        <FormErrorSummary message={Object.keys(errors).length ? '请修改下面标出的内容' : ''} />
        <Field
          name="word"
          label="新词语"
          hint="2–20 个字，例如：深度求索"
          value={value ?? ''}
          errors={errors}
          required
          maxlength={20}
        />
        <button type="submit" class="primary">
          加入词典
        </button>
      </form>
      <h2 safe>{`管理员加入的词语（${words.length}）`}</h2>
      {words.length === 0 ? <p>还没有加入词语（内置词典照常生效）。</p> : ''}
      <ul class="dictionary">
        {words.map((w) => (
          <li>
            <span safe>{w.word}</span>{' '}
            <time datetime={w.createdAt.toISOString()} safe>
              {formatDateTime(w.createdAt)}
            </time>
            <form method="post" action={href(ctx, '/studio/dictionary/delete')} class="inline">
              <Csrf ctx={ctx} />
              <input type="hidden" name="word" value={w.word} />
              <button type="submit" aria-label={`删除“${w.word}”`}>
                删除
              </button>
            </form>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
